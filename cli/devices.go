package cli

import (
	"context"
	gosync "sync"
	"time"

	"onecard/config"
	"onecard/scanner"
)

// previewEvery throttles the copies of camera frames kept for the on-screen preview: the
// terminal redraws a few times a second, the camera delivers thirty frames.
const previewEvery = 200 * time.Millisecond

// cameraPreview keeps a copy of the camera's latest frame for the scan screen.
type cameraPreview struct {
	mu    gosync.Mutex
	frame scanner.Frame
	taken time.Time
}

// offer is the pipeline's OnFrame hook; it runs on the camera goroutine.
func (p *cameraPreview) offer(f scanner.Frame) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if now.Sub(p.taken) < previewEvery {
		return
	}
	p.frame = scanner.Frame{Y: append(p.frame.Y[:0], f.Y[:f.Width*f.Height]...), Width: f.Width, Height: f.Height, At: f.At}
	p.taken = now
}

// Latest returns a copy of the newest frame kept, and whether there is one.
func (p *cameraPreview) Latest() (scanner.Frame, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.frame.Width == 0 {
		return scanner.Frame{}, false
	}
	f := p.frame
	f.Y = append([]byte(nil), p.frame.Y...)
	return f, true
}

// startScanners runs the scanners config.json names until ctx ends, merged into one
// channel for the kiosk; nil when none is configured. The preview is nil without a camera.
func startScanners(ctx context.Context, cfg config.Scanners) (<-chan scanner.Event, *cameraPreview) {
	var sources []scanner.Source
	var preview *cameraPreview
	if cfg.Serial != "" {
		sources = append(sources, scanner.NewSerial(scanner.SerialConfig{Device: cfg.Serial, Baud: cfg.Baud}))
	}
	if cfg.Evdev != "" {
		sources = append(sources, &scanner.Evdev{Device: cfg.Evdev})
	}
	if cfg.Camera != "" {
		preview = &cameraPreview{}
		cam := scanner.Camera(scanner.CameraConfig{Device: cfg.Camera}, scanner.NewDecoder(scanner.DecoderOptions{Budget: 10 * time.Millisecond}))
		cam.OnFrame = preview.offer
		sources = append(sources, cam)
	}
	if len(sources) == 0 {
		return nil, nil
	}
	return scanner.Merge(ctx, sources...), preview
}

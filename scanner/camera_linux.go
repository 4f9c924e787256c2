//go:build linux

package scanner

import (
	"context"
	"errors"
	"fmt"

	"github.com/blackjack/webcam"
)

// frameWaitMillis bounds one wait for a frame, so a cancelled context is noticed.
const frameWaitMillis = 200

// Camera returns a Pipeline source reading a V4L2 camera.
func Camera(cfg CameraConfig, dec FrameDecoder) *Pipeline {
	cfg = cfg.withDefaults()
	return &Pipeline{
		Label:   "camera " + cfg.Device,
		Decoder: dec,
		Open: func(ctx context.Context) (FrameReader, error) {
			return openCamera(cfg)
		},
	}
}

type v4l2Camera struct {
	cam           *webcam.Webcam
	format        PixelFormat
	width, height int
}

func openCamera(cfg CameraConfig) (*v4l2Camera, error) {
	cam, err := webcam.Open(cfg.Device)
	if err != nil {
		return nil, fmt.Errorf("open camera %s: %w", cfg.Device, err)
	}
	c, err := configureCamera(cam, cfg)
	if err != nil {
		cam.Close()
		return nil, fmt.Errorf("camera %s: %w", cfg.Device, err)
	}
	return c, nil
}

func configureCamera(cam *webcam.Webcam, cfg CameraConfig) (*v4l2Camera, error) {
	supported := cam.GetSupportedFormats()
	var format PixelFormat
	for _, f := range preferredFormats() {
		if _, ok := supported[webcam.PixelFormat(f)]; ok {
			format = f
			break
		}
	}
	if format == 0 {
		return nil, errors.New("offers none of GREY, YUYV, MJPEG")
	}
	var sizes []size
	for _, fs := range cam.GetSupportedFrameSizes(webcam.PixelFormat(format)) {
		if fs.StepWidth == 0 || fs.StepHeight == 0 {
			sizes = append(sizes, size{int(fs.MaxWidth), int(fs.MaxHeight)})
			continue
		}
		// a stepwise range: clamp the wanted size into it.
		w := clampInt(cfg.Width, int(fs.MinWidth), int(fs.MaxWidth))
		h := clampInt(cfg.Height, int(fs.MinHeight), int(fs.MaxHeight))
		sizes = append(sizes, size{w - (w-int(fs.MinWidth))%int(fs.StepWidth), h - (h-int(fs.MinHeight))%int(fs.StepHeight)})
	}
	want := nearestSize(size{cfg.Width, cfg.Height}, sizes)
	got, w, h, err := cam.SetImageFormat(webcam.PixelFormat(format), uint32(want.w), uint32(want.h))
	if err != nil {
		return nil, fmt.Errorf("set format %s %dx%d: %w", format, want.w, want.h, err)
	}
	// a driver that cannot set the rate keeps its default; frames still arrive.
	_ = cam.SetFramerate(float32(cfg.FPS))
	// two buffers keep latency low: older frames are of no use to a scanner.
	_ = cam.SetBufferCount(2)
	if err := cam.StartStreaming(); err != nil {
		return nil, err
	}
	return &v4l2Camera{cam: cam, format: PixelFormat(got), width: int(w), height: int(h)}, nil
}

func clampInt(v, lo, hi int) int { return max(lo, min(v, hi)) }

// maxBadFrames is how many unreadable frames in a row turn into an error: one torn MJPEG
// frame is noise, a run of them means the negotiated format is not what arrives.
const maxBadFrames = 30

func (c *v4l2Camera) ReadFrame(ctx context.Context) (Frame, error) {
	bad := 0
	for {
		if err := ctx.Err(); err != nil {
			return Frame{}, err
		}
		err := c.cam.WaitForFrame(frameWaitMillis)
		var timeout *webcam.Timeout
		if errors.As(err, &timeout) {
			continue
		}
		if err != nil {
			return Frame{}, fmt.Errorf("wait for frame: %w", err)
		}
		buf, idx, err := c.cam.GetFrame()
		if err != nil {
			return Frame{}, fmt.Errorf("read frame: %w", err)
		}
		if len(buf) == 0 {
			_ = c.cam.ReleaseFrame(idx)
			continue
		}
		// ToFrame copies, so the buffer can go straight back to the driver.
		f, convErr := ToFrame(c.format, buf, c.width, c.height)
		if err := c.cam.ReleaseFrame(idx); err != nil {
			return Frame{}, fmt.Errorf("release frame: %w", err)
		}
		if convErr != nil {
			if bad++; bad >= maxBadFrames {
				return Frame{}, convErr
			}
			continue
		}
		return f, nil
	}
}

func (c *v4l2Camera) Close() error { return c.cam.Close() }

package scanner

import (
	"context"
	"fmt"
	"io"
)

// Evdev is a Source reading a scanner's own keyboard device (/dev/input/eventN). It
// grabs the device exclusively, so the scanned keys do not also land in the terminal.
type Evdev struct {
	Device  string
	Backoff Backoff
}

// Name is "evdev DEVICE".
func (e *Evdev) Name() string { return "evdev " + e.Device }

// Run reads codes until ctx ends, reopening the device with backoff when it fails.
func (e *Evdev) Run(ctx context.Context, out chan<- Event) error {
	return retry(ctx, e.Name(), e.Backoff, out, func(ctx context.Context) error {
		dev, err := openGrabbed(e.Device)
		if err != nil {
			return err
		}
		stop := context.AfterFunc(ctx, func() { dev.Close() })
		defer func() {
			if stop() {
				dev.Close()
			}
		}()
		send(ctx, out, Event{Source: e.Name(), Kind: KindStatus, Payload: "open"})
		err = readKeyCodes(dev, func(code string) bool {
			return send(ctx, out, Event{Source: e.Name(), Kind: KindCode, Payload: code})
		})
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("read %s: %w", e.Device, err)
	})
}

// readKeyCodes decodes input_event records from r and calls emit for each code until r
// fails or emit returns false. The kernel returns whole records per read.
func readKeyCodes(r io.Reader, emit func(code string) bool) error {
	var d keyDecoder
	buf := make([]byte, 64*inputEventSize)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			evs, perr := parseInputEvents(buf[:n])
			if perr != nil {
				return perr
			}
			for _, ev := range evs {
				if code, ok := d.event(ev); ok && !emit(code) {
					return nil
				}
			}
		}
		if err != nil {
			return err
		}
	}
}

package scanner

import (
	"context"
	"fmt"
	"time"

	"go.bug.st/serial"
)

// SerialConfig describes a USB-COM (CDC-ACM or USB-serial) scanner.
type SerialConfig struct {
	Device     string        // e.g. /dev/ttyACM0
	Baud       int           // zero means 9600, the common factory setting
	Terminator Terminator    // how the scanner ends each code
	Idle       time.Duration // quiet time that ends a code with TermNone; zero means 100 ms
	Backoff    Backoff
}

// Serial is a Source reading codes from a serial scanner.
type Serial struct {
	cfg SerialConfig
}

// NewSerial returns a serial scanner source.
func NewSerial(cfg SerialConfig) *Serial {
	if cfg.Baud <= 0 {
		cfg.Baud = 9600
	}
	if cfg.Idle <= 0 {
		// at 9600 baud a byte takes ~1 ms; scanners send a code in one burst.
		cfg.Idle = 100 * time.Millisecond
	}
	return &Serial{cfg: cfg}
}

// Name is "serial DEVICE".
func (s *Serial) Name() string { return "serial " + s.cfg.Device }

// Run reads codes until ctx ends, reopening the port with backoff when it fails.
func (s *Serial) Run(ctx context.Context, out chan<- Event) error {
	return retry(ctx, s.Name(), s.cfg.Backoff, out, func(ctx context.Context) error {
		return s.session(ctx, out)
	})
}

func (s *Serial) session(ctx context.Context, out chan<- Event) error {
	port, err := serial.Open(s.cfg.Device, &serial.Mode{BaudRate: s.cfg.Baud})
	if err != nil {
		return fmt.Errorf("open %s: %w", s.cfg.Device, err)
	}
	// Close unblocks a pending Read, so cancelling ctx ends the session promptly.
	stop := context.AfterFunc(ctx, func() { port.Close() })
	defer func() {
		if stop() {
			port.Close()
		}
	}()
	if err := port.SetReadTimeout(s.cfg.Idle); err != nil {
		return fmt.Errorf("%s: set read timeout: %w", s.cfg.Device, err)
	}
	send(ctx, out, Event{Source: s.Name(), Kind: KindStatus, Payload: "open"})
	sp := splitter{term: s.cfg.Terminator}
	buf := make([]byte, 4096)
	for {
		n, err := port.Read(buf)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", s.cfg.Device, err)
		}
		var codes []scanned
		if n == 0 {
			codes = sp.idle() // the read timed out: the line is quiet
		} else {
			codes = sp.feed(buf[:n])
		}
		for _, c := range codes {
			if !send(ctx, out, scannedEvent(s.Name(), c)) {
				return ctx.Err()
			}
		}
	}
}

// scannedEvent turns a cut code into a code event, or an error event that still carries
// the raw bytes so that nothing is mangled or lost.
func scannedEvent(source string, c scanned) Event {
	if c.err != nil {
		return Event{Source: source, Kind: KindError, Payload: c.text, Err: fmt.Errorf("%w: %q", c.err, c.text)}
	}
	return Event{Source: source, Kind: KindCode, Payload: c.text}
}

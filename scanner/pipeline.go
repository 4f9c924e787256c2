package scanner

import (
	"context"
	"errors"
	"time"
)

// FrameReader yields frames from a camera, a stream or files. ReadFrame returns io.EOF
// when a finite input ends; any other error means the device failed.
type FrameReader interface {
	ReadFrame(ctx context.Context) (Frame, error)
	Close() error
}

// FrameDecoder is what the pipeline needs of a decoder; *Decoder provides it.
type FrameDecoder interface {
	Decode(ctx context.Context, f Frame) ([]Code, error)
}

// DefaultWindow is how long the same code is not reported again: long enough for a
// phone held in front of the camera, short enough to re-scan a code on purpose.
const DefaultWindow = 2 * time.Second

// Pipeline is a frame Source: it reads frames, decodes the newest one and reports each
// code once per window. When decoding falls behind, frames that arrived in the meantime
// are dropped in favour of the latest, so what is decoded is what the camera sees now.
type Pipeline struct {
	Label   string
	Open    func(ctx context.Context) (FrameReader, error)
	Decoder FrameDecoder
	Window  time.Duration    // zero means DefaultWindow
	Backoff Backoff          // reopen delays after a device failure
	Clock   func() time.Time // nil means time.Now
	OnFrame func(f Frame)    // optional, e.g. the preview; called on the reader goroutine
}

// Name reports the pipeline's label.
func (p *Pipeline) Name() string { return p.Label }

// Run reads and decodes until ctx ends or the input ends.
func (p *Pipeline) Run(ctx context.Context, out chan<- Event) error {
	window := p.Window
	if window <= 0 {
		window = DefaultWindow
	}
	clock := p.Clock
	if clock == nil {
		clock = time.Now
	}
	// the window spans reopenings: a camera that flickers must not repeat a code.
	seen := newDedup(window)
	return retry(ctx, p.Label, p.Backoff, out, func(ctx context.Context) error {
		return p.session(ctx, out, seen, clock)
	})
}

func (p *Pipeline) session(ctx context.Context, out chan<- Event, seen *dedup, clock func() time.Time) error {
	r, err := p.Open(ctx)
	if err != nil {
		return err
	}
	defer r.Close()
	send(ctx, out, Event{Source: p.Label, Kind: KindStatus, Payload: "open"})

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	latest := make(chan Frame, 1)
	readErr := make(chan error, 1)
	go func() {
		defer close(latest)
		for {
			f, err := r.ReadFrame(ctx)
			if err != nil {
				readErr <- err
				return
			}
			if p.OnFrame != nil {
				p.OnFrame(f)
			}
			offerLatest(latest, f)
		}
	}()

	for f := range latest {
		codes, err := p.Decoder.Decode(ctx, f)
		if err != nil && !errors.Is(err, ErrNoCode) {
			if ctx.Err() != nil {
				break
			}
			send(ctx, out, Event{Source: p.Label, Kind: KindError, Err: err})
			continue
		}
		for _, c := range codes {
			now := clock()
			if seen.fresh(c.Text, now) {
				send(ctx, out, Event{Source: p.Label, Kind: KindCode, Payload: c.Text, At: now})
			}
		}
	}
	cancel()
	return <-readErr
}

// offerLatest puts f in the one-slot mailbox, replacing a frame nobody has taken yet.
// Only this goroutine sends, so after draining, the send cannot block.
func offerLatest(latest chan Frame, f Frame) {
	select {
	case latest <- f:
		return
	default:
	}
	select {
	case <-latest: // the stale frame is dropped
	default:
	}
	latest <- f
}

// dedup remembers when each code was last reported.
type dedup struct {
	window time.Duration
	last   map[string]time.Time
}

func newDedup(window time.Duration) *dedup {
	return &dedup{window: window, last: map[string]time.Time{}}
}

// fresh reports whether text may be reported at now, and if so records it. The window
// counts from the last report, so a code held in view is repeated once per window.
func (d *dedup) fresh(text string, now time.Time) bool {
	if t, ok := d.last[text]; ok && now.Sub(t) < d.window {
		return false
	}
	for k, t := range d.last {
		if now.Sub(t) >= d.window {
			delete(d.last, k)
		}
	}
	d.last[text] = now
	return true
}

package scanner

import (
	"context"
	"errors"
	"io"
	"time"
)

// Backoff spaces the reopen attempts of a failed device: Min after the first failure,
// doubling up to Max. A session that ran for longer than Max resets it, so a camera
// unplugged after an hour of work is retried promptly.
type Backoff struct {
	Min, Max time.Duration
}

// The default backoff suits USB devices, which re-enumerate within a second or two.
const (
	defaultBackoffMin = 250 * time.Millisecond
	defaultBackoffMax = 5 * time.Second
)

func (b Backoff) orDefault() Backoff {
	if b.Min <= 0 {
		b.Min = defaultBackoffMin
	}
	if b.Max < b.Min {
		b.Max = max(b.Min, defaultBackoffMax)
	}
	return b
}

// retry runs session until ctx ends, reporting each failure as an error event and
// waiting with backoff before the next try. A session returning io.EOF (a recording
// reached its end) or nil ends the loop.
func retry(ctx context.Context, name string, b Backoff, out chan<- Event, session func(ctx context.Context) error) error {
	b = b.orDefault()
	wait := b.Min
	for {
		start := time.Now()
		err := session(ctx)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err == nil || errors.Is(err, io.EOF) {
			send(ctx, out, Event{Source: name, Kind: KindStatus, Payload: "ended"})
			return nil
		}
		if time.Since(start) > b.Max {
			wait = b.Min
		}
		if !send(ctx, out, Event{Source: name, Kind: KindError, Err: err}) {
			return ctx.Err()
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
		wait = min(2*wait, b.Max)
	}
}

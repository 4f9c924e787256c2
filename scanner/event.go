package scanner

import (
	"context"
	"time"
)

// Kind says what an Event carries.
type Kind int

const (
	// KindCode carries a decoded or scanned payload in Payload.
	KindCode Kind = iota
	// KindStatus carries a human-readable state change in Payload ("open", "ended").
	KindStatus
	// KindError carries a device or data error in Err; the source keeps retrying.
	KindError
)

func (k Kind) String() string {
	switch k {
	case KindCode:
		return "code"
	case KindStatus:
		return "status"
	case KindError:
		return "error"
	}
	return "unknown"
}

// Event is what every live source delivers.
type Event struct {
	Source  string // the source's name, e.g. "serial /dev/ttyUSB0"
	Kind    Kind
	Payload string // the code exactly as read (KindCode), or a status line
	At      time.Time
	Err     error // set for KindError
}

// Source is a live input. Run blocks until ctx ends or the input is exhausted (a
// recorded stream reaching its end), sending events on out; device failures become
// KindError events and the device is reopened with backoff, so Run returns only ctx's
// error or nil.
type Source interface {
	Name() string
	Run(ctx context.Context, out chan<- Event) error
}

// send delivers ev unless ctx ends first; it reports whether ev was delivered.
func send(ctx context.Context, out chan<- Event, ev Event) bool {
	if ev.At.IsZero() {
		ev.At = time.Now()
	}
	select {
	case out <- ev:
		return true
	case <-ctx.Done():
		return false
	}
}

// Merge runs every source until ctx ends and delivers all their events on one channel,
// which is closed when every source has returned.
func Merge(ctx context.Context, sources ...Source) <-chan Event {
	out := make(chan Event, 16)
	done := make(chan struct{})
	for _, s := range sources {
		go func() {
			defer func() { done <- struct{}{} }()
			_ = s.Run(ctx, out) // Run reports its failures as events
		}()
	}
	go func() {
		for range sources {
			<-done
		}
		close(out)
	}()
	return out
}

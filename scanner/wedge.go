package scanner

import "time"

// Wedge tells a keyboard-wedge scanner from a person typing. A scanner "types" a whole
// code in a burst, a few milliseconds per key, and ends it with Enter; people leave tens
// of milliseconds or more between keys. The kiosk feeds every key rune with the time it
// arrived; Wedge holds no clock of its own.
type Wedge struct {
	maxGap time.Duration
	minLen int
	buf    []rune
	last   time.Time
}

// Defaults: scanners send at 2-15 ms per key; the fastest typists rarely get under 50 ms
// between keys, and a code shorter than 4 characters is more likely a typed word.
const (
	DefaultWedgeGap    = 30 * time.Millisecond
	DefaultWedgeMinLen = 4
)

// NewWedge returns a detector; a gap or length of zero takes the default.
func NewWedge(maxGap time.Duration, minLen int) *Wedge {
	if maxGap <= 0 {
		maxGap = DefaultWedgeGap
	}
	if minLen <= 0 {
		minLen = DefaultWedgeMinLen
	}
	return &Wedge{maxGap: maxGap, minLen: minLen}
}

// Key feeds one key. It returns the scanned code and true when r is Enter ('\r' or '\n')
// ending a burst of at least minLen keys whose gaps, Enter's included, were all within
// maxGap. Any slow gap restarts the burst at the key after it.
func (w *Wedge) Key(r rune, at time.Time) (string, bool) {
	gapOK := !w.last.IsZero() && at.Sub(w.last) <= w.maxGap && !at.Before(w.last)
	if r == '\r' || r == '\n' {
		code, ok := string(w.buf), gapOK && len(w.buf) >= w.minLen
		w.Reset()
		return code, ok
	}
	if !gapOK {
		w.buf = w.buf[:0]
	}
	w.buf = append(w.buf, r)
	w.last = at
	return "", false
}

// Reset forgets the keys seen so far (the kiosk calls it when focus changes).
func (w *Wedge) Reset() {
	w.buf = w.buf[:0]
	w.last = time.Time{}
}

package scanner

import (
	"context"
	"errors"
	"io"
	"sync"
	"testing"
	"time"
)

// scriptedReader yields frames whose first byte is 1, 2, ... n, then blocks until
// closed after signalling that every frame has been handed over.
type scriptedReader struct {
	n, next  int
	drained  chan struct{}
	once     sync.Once
	finalErr error // returned after n frames instead of blocking, when set
	// afterFirst, when set, holds back frame 2 until it is closed: the pipeline's
	// reading goroutine could otherwise replace frame 1 before the decoding loop took it.
	afterFirst <-chan struct{}
}

func (r *scriptedReader) ReadFrame(ctx context.Context) (Frame, error) {
	if r.next == 1 && r.afterFirst != nil {
		<-r.afterFirst
	}
	if r.next < r.n {
		r.next++
		return Frame{Y: []byte{byte(r.next)}, Width: 1, Height: 1}, nil
	}
	r.once.Do(func() { close(r.drained) })
	if r.finalErr != nil {
		return Frame{}, r.finalErr
	}
	<-ctx.Done()
	return Frame{}, ctx.Err()
}

func (r *scriptedReader) Close() error { return nil }

// gatedDecoder records which frames it saw; the first decode closes started and waits
// for gate, standing in for a decoder slower than the camera.
type gatedDecoder struct {
	started, gate chan struct{}
	mu            sync.Mutex
	seen          []byte
}

func (d *gatedDecoder) Decode(ctx context.Context, f Frame) ([]Code, error) {
	d.mu.Lock()
	first := len(d.seen) == 0
	d.seen = append(d.seen, f.Y[0])
	d.mu.Unlock()
	if first {
		close(d.started)
		<-d.gate
	}
	return []Code{{Text: string(rune('a' - 1 + int(f.Y[0])))}}, nil
}

func TestPipelineDropsStaleFrames(t *testing.T) {
	dec := &gatedDecoder{started: make(chan struct{}), gate: make(chan struct{})}
	reader := &scriptedReader{n: 10, drained: make(chan struct{}), finalErr: io.EOF, afterFirst: dec.started}
	p := &Pipeline{
		Label:   "test",
		Open:    func(ctx context.Context) (FrameReader, error) { return reader, nil },
		Decoder: dec,
	}
	go func() {
		<-reader.drained // all ten frames arrived while frame 1 was being decoded
		close(dec.gate)
	}()
	out := make(chan Event, 64)
	if err := p.Run(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	close(out)
	var codes []string
	for ev := range out {
		if ev.Kind == KindCode {
			codes = append(codes, ev.Payload)
		}
	}
	if len(dec.seen) != 2 || dec.seen[0] != 1 || dec.seen[1] != 10 {
		t.Fatalf("decoded frames %v, want [1 10]: frames 2-9 are stale", dec.seen)
	}
	if len(codes) != 2 || codes[1] != "j" {
		t.Fatalf("codes %q", codes)
	}
}

func TestDedupWindow(t *testing.T) {
	d := newDedup(2 * time.Second)
	t0 := time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)
	steps := []struct {
		text string
		at   time.Duration
		want bool
	}{
		{"A", 0, true},
		{"A", 500 * time.Millisecond, false},
		{"B", 600 * time.Millisecond, true},
		{"A", 1999 * time.Millisecond, false},
		{"A", 2 * time.Second, true},
		{"B", 2600 * time.Millisecond, true},
		{"A", 3 * time.Second, false},
	}
	for _, s := range steps {
		if got := d.fresh(s.text, t0.Add(s.at)); got != s.want {
			t.Errorf("%s at %v: fresh = %v, want %v", s.text, s.at, got, s.want)
		}
	}
}

// readerFunc adapts a function to FrameReader.
type readerFunc func(ctx context.Context) (Frame, error)

func (f readerFunc) ReadFrame(ctx context.Context) (Frame, error) { return f(ctx) }
func (f readerFunc) Close() error                                 { return nil }

// ackDecoder signals after each decode, so a lockstep reader never gets ahead of it.
type ackDecoder struct {
	dec FrameDecoder
	ack chan struct{}
}

func (d *ackDecoder) Decode(ctx context.Context, f Frame) ([]Code, error) {
	defer func() { d.ack <- struct{}{} }()
	return d.dec.Decode(ctx, f)
}

func TestPipelineSuppressesRepeats(t *testing.T) {
	frame := qrFrame(t, "same code", 200)
	t0 := time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)
	// decode times of the frames, all holding the same code, with a 1 s window: the
	// repeats at 0.1 s and 0.9 s are suppressed, 1.1 s is reported, 1.5 s is within the
	// window of that report.
	times := []time.Duration{0, 100 * time.Millisecond, 900 * time.Millisecond, 1100 * time.Millisecond, 1500 * time.Millisecond}
	calls := 0
	clock := func() time.Time { // called on the decode goroutine only
		at := t0.Add(times[calls])
		calls++
		return at
	}
	dec := &ackDecoder{dec: NewDecoder(DecoderOptions{}), ack: make(chan struct{}, 1)}
	sent := 0
	p := &Pipeline{
		Label: "test",
		Open: func(ctx context.Context) (FrameReader, error) {
			return readerFunc(func(ctx context.Context) (Frame, error) {
				if sent > 0 {
					<-dec.ack // lockstep: the previous frame has been decoded
				}
				if sent == len(times) {
					return Frame{}, io.EOF
				}
				sent++
				return frame, nil
			}), nil
		},
		Decoder: dec,
		Window:  time.Second,
		Clock:   clock,
	}
	out := make(chan Event, 64)
	if err := p.Run(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	close(out)
	var at []time.Duration
	for ev := range out {
		if ev.Kind == KindCode {
			at = append(at, ev.At.Sub(t0))
		}
	}
	want := []time.Duration{0, 1100 * time.Millisecond}
	if len(at) != 2 || at[0] != want[0] || at[1] != want[1] {
		t.Fatalf("reported at %v, want %v", at, want)
	}
}

func TestPipelineRetriesFailedDevice(t *testing.T) {
	opens := 0
	p := &Pipeline{
		Label: "flaky",
		Open: func(ctx context.Context) (FrameReader, error) {
			opens++
			if opens < 3 {
				return nil, errors.New("no such device")
			}
			return readerFunc(func(ctx context.Context) (Frame, error) { return Frame{}, io.EOF }), nil
		},
		Decoder: NewDecoder(DecoderOptions{}),
		Backoff: Backoff{Min: time.Millisecond, Max: 2 * time.Millisecond},
	}
	out := make(chan Event, 64)
	if err := p.Run(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	close(out)
	var kinds []string
	for ev := range out {
		kinds = append(kinds, ev.Kind.String()+":"+ev.Payload)
	}
	want := []string{"error:", "error:", "status:open", "status:ended"}
	if len(kinds) != len(want) {
		t.Fatalf("events %q, want %q", kinds, want)
	}
	for i := range want {
		if kinds[i] != want[i] {
			t.Fatalf("events %q, want %q", kinds, want)
		}
	}
}

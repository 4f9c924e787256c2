package scanner

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestCommandFramesThroughPipeline(t *testing.T) {
	const w, h = 320, 240
	blank := canvas(w, h, 255)
	withCode := canvas(w, h, 255)
	paste(withCode, qrFrame(t, "from ffmpeg", 220), 50, 10)
	// a recording: blank, code, code, blank, and half a frame cut off at the end.
	var data []byte
	for _, f := range []Frame{blank, withCode, withCode, blank} {
		data = append(data, f.Y...)
	}
	data = append(data, blank.Y[:w*h/2]...)
	path := filepath.Join(t.TempDir(), "frames.gray")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	dec := &ackDecoder{dec: NewDecoder(DecoderOptions{}), ack: make(chan struct{}, 1)}
	p := &Pipeline{
		Label:   "command",
		Open:    lockstep(CommandFrames(w, h, "cat", path), dec.ack),
		Decoder: dec,
	}
	out := make(chan Event, 64)
	if err := p.Run(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	close(out)
	var codes, status []string
	for ev := range out {
		switch ev.Kind {
		case KindCode:
			codes = append(codes, ev.Payload)
		case KindStatus:
			status = append(status, ev.Payload)
		case KindError:
			t.Errorf("error event: %v", ev.Err)
		}
	}
	// the code is in two frames but reported once.
	if len(codes) != 1 || codes[0] != "from ffmpeg" {
		t.Fatalf("codes %q", codes)
	}
	if len(status) != 2 || status[1] != "ended" {
		t.Fatalf("status %q", status)
	}
}

func TestRawStreamPartialFrameIsEOF(t *testing.T) {
	s, err := NewRawStream(readerOf(make([]byte, 10)), nil, 2, 3)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ReadFrame(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ReadFrame(context.Background()); err != io.EOF {
		t.Fatalf("err = %v, want io.EOF", err)
	}
	if _, err := NewRawStream(readerOf(nil), nil, 0, 3); err == nil {
		t.Fatal("zero width accepted")
	}
}

func TestCommandFramesMissingCommand(t *testing.T) {
	open := CommandFrames(4, 4, filepath.Join(t.TempDir(), "no-such-command"))
	if _, err := open(context.Background()); err == nil {
		t.Fatal("starting a missing command succeeded")
	}
}

// lockstep wraps an opener so that each frame after the first waits for the decoder's
// ack: the test then sees every frame decoded, none dropped.
func lockstep(open func(ctx context.Context) (FrameReader, error), ack <-chan struct{}) func(ctx context.Context) (FrameReader, error) {
	return func(ctx context.Context) (FrameReader, error) {
		r, err := open(ctx)
		if err != nil {
			return nil, err
		}
		first := true
		return closerReader{readerFunc(func(ctx context.Context) (Frame, error) {
			if !first {
				<-ack
			}
			first = false
			return r.ReadFrame(ctx)
		}), r}, nil
	}
}

type closerReader struct {
	readerFunc
	c FrameReader
}

func (c closerReader) Close() error { return c.c.Close() }

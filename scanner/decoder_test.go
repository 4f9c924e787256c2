package scanner

import (
	"context"
	"errors"
	"slices"
	"testing"
)

func TestDecodeSynthetic(t *testing.T) {
	const text = "ESC1:6BFOXN*TS0BI$ZD8UH"
	chinese := "WPN1:外国人工作许可 张三"
	dark := func(f Frame) Frame {
		// a dark-mode phone: light modules on a dark screen, then framed by more dark.
		c := canvas(400, 400, 20)
		paste(c, invert(f), 60, 60)
		return c
	}
	small := func(f Frame) Frame {
		c := canvas(160, 120, 255)
		paste(c, downscale(f, 4), 50, 30) // about 1.4 pixels per module
		return c
	}
	noisy := func(f Frame) Frame {
		c := canvas(640, 480, 200)
		paste(c, f, 100, 80)
		addNoise(c, 50)
		return c
	}
	tests := []struct {
		name string
		text string
		make func(f Frame) Frame
	}{
		{"plain", text, func(f Frame) Frame { return f }},
		{"chinese utf-8", chinese, func(f Frame) Frame { return f }},
		{"inverted", text, invert},
		{"dark mode framed", text, dark},
		{"rotated 90", text, func(f Frame) Frame { return rotate(f, 90) }},
		{"rotated 180", text, func(f Frame) Frame { return rotate(f, 180) }},
		{"small", text, small},
		{"noise", text, noisy},
	}
	for _, opts := range []DecoderOptions{{}, {Thorough: true}} {
		dec := NewDecoder(opts)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				f := tt.make(qrFrame(t, tt.text, 280))
				codes, err := dec.Decode(context.Background(), f)
				if err != nil {
					t.Fatalf("thorough=%v: %v", opts.Thorough, err)
				}
				if len(codes) != 1 || codes[0].Text != tt.text {
					t.Fatalf("thorough=%v: got %+v, want %q", opts.Thorough, codes, tt.text)
				}
			})
		}
	}
}

func TestDecodeInvertedNeedsInversion(t *testing.T) {
	// guards the reason the inverted attempt exists: gozxing alone misses it.
	f := invert(qrFrame(t, "dark mode", 240))
	if got := (attempt{harder: true}).run(f); len(got) != 0 {
		t.Fatalf("plain gozxing read an inverted code: %q", got)
	}
	codes, err := NewDecoder(DecoderOptions{}).Decode(context.Background(), f)
	if err != nil || codes[0].Text != "dark mode" || codes[0].Via != "orig+invert" {
		t.Fatalf("got %+v, %v; want the inverted attempt to read it", codes, err)
	}
}

func TestDecodeSeveralCodes(t *testing.T) {
	want := []string{"first code", "second code", "third code"}
	c := canvas(900, 360, 255)
	for i, text := range want {
		paste(c, qrFrame(t, text, 260), 20+i*300, 50)
	}
	codes, err := NewDecoder(DecoderOptions{}).Decode(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, code := range codes {
		got = append(got, code.Text)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestDecodeNoCode(t *testing.T) {
	f := canvas(320, 240, 128)
	addNoise(f, 100)
	for _, opts := range []DecoderOptions{{Budget: DefaultBudget}, {Thorough: true}} {
		if _, err := NewDecoder(opts).Decode(context.Background(), f); !errors.Is(err, ErrNoCode) {
			t.Errorf("thorough=%v: err = %v, want ErrNoCode", opts.Thorough, err)
		}
	}
}

func TestDecodeBadFrameAndCancel(t *testing.T) {
	dec := NewDecoder(DecoderOptions{})
	if _, err := dec.Decode(context.Background(), Frame{Y: make([]byte, 10), Width: 5, Height: 5}); !errors.Is(err, ErrFrameSize) {
		t.Errorf("short buffer: err = %v, want ErrFrameSize", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := dec.Decode(ctx, qrFrame(t, "x", 200)); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v, want context.Canceled", err)
	}
}

func TestTransforms(t *testing.T) {
	f := Frame{Y: []byte{1, 2, 3, 4, 5, 6}, Width: 3, Height: 2}
	r90 := rotate(f, 90)
	if r90.Width != 2 || r90.Height != 3 || !slices.Equal(r90.Y, []byte{4, 1, 5, 2, 6, 3}) {
		t.Errorf("rotate 90 = %+v", r90)
	}
	if r := rotate(rotate(f, 90), 270); !slices.Equal(r.Y, f.Y) || r.Width != 3 {
		t.Errorf("rotate 90 then 270 = %+v", r)
	}
	if r := rotate(f, 180); !slices.Equal(r.Y, []byte{6, 5, 4, 3, 2, 1}) {
		t.Errorf("rotate 180 = %+v", r)
	}
	d := downscale(Frame{Y: []byte{0, 4, 8, 8, 4, 0, 8, 8}, Width: 4, Height: 2}, 2)
	if !slices.Equal(d.Y, []byte{2, 8}) {
		t.Errorf("downscale = %v", d.Y)
	}
	u := upscale(Frame{Y: []byte{0, 200}, Width: 2, Height: 1}, 2)
	if u.Width != 4 || u.Y[0] != 0 || u.Y[3] != 200 || !(u.Y[1] < u.Y[2]) {
		t.Errorf("upscale = %v", u.Y)
	}
}

func TestPlaneSourceCrop(t *testing.T) {
	s := newPlaneSource(Frame{Y: []byte{1, 2, 3, 4, 5, 6, 7, 8, 9}, Width: 3, Height: 3})
	c, err := s.Crop(1, 1, 2, 2)
	if err != nil {
		t.Fatal(err)
	}
	if m := c.GetMatrix(); !slices.Equal(m, []byte{5, 6, 8, 9}) {
		t.Errorf("cropped matrix = %v", m)
	}
	row, _ := c.GetRow(1, nil)
	if !slices.Equal(row, []byte{8, 9}) {
		t.Errorf("cropped row = %v", row)
	}
	if _, err := s.Crop(2, 2, 2, 2); err == nil {
		t.Error("crop outside the image succeeded")
	}
	inv := c.Invert().GetMatrix()
	if inv[0] != 250 {
		t.Errorf("inverted = %v", inv)
	}
}

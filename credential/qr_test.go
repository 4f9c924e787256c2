package credential

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"onecard/scanner"
)

// readQR reads the code the way the kiosk does, with onecard's decoder: gozxing's plain
// reader alone misses about one synthetic e-SSC code in a hundred (a data region that
// looks like a finder pattern), which the decoder's further attempts read.
func readQR(t *testing.T, img image.Image) string {
	t.Helper()
	codes, err := scanner.NewDecoder(scanner.DecoderOptions{Thorough: true}).Decode(context.Background(), scanner.FrameFromImage(img))
	if err != nil || len(codes) != 1 {
		t.Fatalf("onecard's decoder could not read the code: %v (%d codes)", err, len(codes))
	}
	return codes[0].Text
}

func TestQRPNGRoundTrip(t *testing.T) {
	f := newFixture(t)
	for _, payload := range []string{f.notice(), f.essc(f.holder(), t0)} {
		t.Run(payload[:4], func(t *testing.T) {
			q, err := EncodeQR(payload)
			if err != nil {
				t.Fatal(err)
			}
			if q.Mode() != "ALPHANUMERIC" {
				t.Errorf("mode %s, want ALPHANUMERIC", q.Mode())
			}
			b, err := q.PNG(4)
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			got := readQR(t, img)
			if got != payload {
				t.Fatalf("read %q, want %q", got, payload)
			}
			wantReason(t, f.verify(got), ReasonOK)
		})
	}
}

// textImage turns half-block text back into a picture, one pixel per module, with
// block characters drawn in the colour ink.
func textImage(t *testing.T, text string, ink color.Gray) *image.Gray {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	w := len([]rune(lines[0]))
	paper := color.Gray{Y: 0xFF - ink.Y}
	img := image.NewGray(image.Rect(0, 0, w, 2*len(lines)))
	for y, line := range lines {
		runes := []rune(line)
		if len(runes) != w {
			t.Fatalf("line %d is %d wide, want %d", y, len(runes), w)
		}
		for x, r := range runes {
			top, bottom := paper, paper
			switch r {
			case '█':
				top, bottom = ink, ink
			case '▀':
				top = ink
			case '▄':
				bottom = ink
			case ' ':
			default:
				t.Fatalf("unexpected %q", r)
			}
			img.SetGray(x, 2*y, top)
			img.SetGray(x, 2*y+1, bottom)
		}
	}
	return img
}

func TestQRText(t *testing.T) {
	f := newFixture(t)
	payload := f.notice()
	q, err := EncodeQR(payload)
	if err != nil {
		t.Fatal(err)
	}
	for _, lightOnDark := range []bool{false, true} {
		ink := color.Gray{Y: 0}
		if lightOnDark {
			ink.Y = 0xFF
		}
		img := textImage(t, q.Text(lightOnDark), ink)
		if got := img.Bounds().Dx(); got != q.Size()+2*quietZone {
			t.Fatalf("width %d, want %d", got, q.Size()+2*quietZone)
		}
		// Scale up so the reader sees modules of several pixels, as on a screen.
		big := image.NewGray(image.Rect(0, 0, img.Bounds().Dx()*4, img.Bounds().Dy()*4))
		for y := 0; y < big.Bounds().Dy(); y++ {
			for x := 0; x < big.Bounds().Dx(); x++ {
				big.SetGray(x, y, img.GrayAt(x/4, y/4))
			}
		}
		if got := readQR(t, big); got != payload {
			t.Fatalf("lightOnDark=%v: read %q", lightOnDark, got)
		}
	}
}

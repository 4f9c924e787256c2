package scanner

import (
	"bytes"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// qrFrame renders text as a QR code of side px pixels (quiet zone included), dark
// modules 0 on light 255.
func qrFrame(t testing.TB, text string, px int) Frame {
	t.Helper()
	hints := map[gozxing.EncodeHintType]interface{}{gozxing.EncodeHintType_CHARACTER_SET: "UTF-8"}
	m, err := qrcode.NewQRCodeWriter().Encode(text, gozxing.BarcodeFormat_QR_CODE, px, px, hints)
	if err != nil {
		t.Fatalf("encode %q: %v", text, err)
	}
	f := Frame{Y: make([]byte, px*px), Width: px, Height: px}
	for y := 0; y < px; y++ {
		for x := 0; x < px; x++ {
			if !m.Get(x, y) {
				f.Y[y*px+x] = 255
			}
		}
	}
	return f
}

// canvas returns a w x h frame filled with grey v.
func canvas(w, h int, v byte) Frame {
	f := Frame{Y: make([]byte, w*h), Width: w, Height: h}
	for i := range f.Y {
		f.Y[i] = v
	}
	return f
}

// paste copies src into dst with its top-left corner at (x, y).
func paste(dst, src Frame, x, y int) {
	for r := 0; r < src.Height; r++ {
		copy(dst.Y[(y+r)*dst.Width+x:], src.Y[r*src.Width:(r+1)*src.Width])
	}
}

// addNoise adds uniform noise of +-amp with a fixed seed, so the test is repeatable.
func addNoise(f Frame, amp int) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i, v := range f.Y {
		n := int(v) + rng.IntN(2*amp+1) - amp
		f.Y[i] = byte(max(0, min(255, n)))
	}
}

// readerOf returns a reader over b.
func readerOf(b []byte) io.Reader { return bytes.NewReader(b) }

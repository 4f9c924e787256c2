package scanner

import (
	"context"
	"testing"
)

// frame720 is a 1280x720 camera-like frame: grey background, mild noise, and the code
// (about 7 pixels per module) off-centre when withCode.
func frame720(b *testing.B, withCode bool) Frame {
	f := canvas(1280, 720, 170)
	if withCode {
		paste(f, qrFrame(b, "ESC1:NCFOXN*TS0BI$ZD8UHJ.K9L1", 330), 700, 200)
	}
	addNoise(f, 12)
	return f
}

func benchDecode(b *testing.B, withCode bool) {
	f := frame720(b, withCode)
	dec := NewDecoder(DecoderOptions{Budget: DefaultBudget})
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		codes, _ := dec.Decode(ctx, f)
		if withCode && len(codes) == 0 {
			b.Fatal("code not read")
		}
	}
}

func BenchmarkDecode720pCode(b *testing.B)   { benchDecode(b, true) }
func BenchmarkDecode720pNoCode(b *testing.B) { benchDecode(b, false) }

func BenchmarkYUYV720p(b *testing.B) {
	buf := make([]byte, 1280*720*2)
	for b.Loop() {
		if _, err := ToFrame(FormatYUYV, buf, 1280, 720); err != nil {
			b.Fatal(err)
		}
	}
}

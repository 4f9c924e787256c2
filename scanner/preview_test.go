package scanner

import (
	"strings"
	"testing"
)

func TestPreviewASCII(t *testing.T) {
	// left half black, right half white.
	f := canvas(8, 4, 255)
	for y := 0; y < 4; y++ {
		for x := 0; x < 4; x++ {
			f.Y[y*8+x] = 0
		}
	}
	got := Preview(f, 4, 2, false)
	if want := "  @@\n  @@"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestPreviewHalfBlocks(t *testing.T) {
	// top row black, bottom row white: one cell, fg black over bg white.
	f := Frame{Y: []byte{0, 0, 255, 255}, Width: 2, Height: 2}
	got := Preview(f, 1, 1, true)
	want := "\x1b[38;2;0;0;0m\x1b[48;2;255;255;255m▀\x1b[0m"
	if got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	big := Preview(qrFrame(t, "preview", 300), 40, 20, true)
	if n := strings.Count(big, "\n"); n != 19 {
		t.Fatalf("%d line breaks, want 19", n)
	}
	if strings.Count(big, "▀") != 800 {
		t.Fatal("not one half block per cell")
	}
	if Preview(Frame{}, 10, 10, true) != "" {
		t.Fatal("empty frame drew something")
	}
}

package sync

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// scanStringByByte is scanString as it was written first, a byte at a time: the
// reference the word-at-a-time scan must agree with.
func scanStringByByte(b string, i int) (string, int, bool) {
	if i >= len(b) || b[i] != '"' {
		return "", i, false
	}
	ascii := true
	for j := i + 1; j < len(b); j++ {
		switch c := b[j]; {
		case c == '"':
			if !ascii && !utf8.ValidString(b[i+1:j]) {
				return "", j, false
			}
			return b[i+1 : j], j + 1, true
		case c == '\\' || c < 0x20:
			return "", j, false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	return "", len(b), false
}

// FuzzScanString checks the word-at-a-time string scan against the byte-at-a-time one
// on any input, from every starting quote.
func FuzzScanString(f *testing.F) {
	for _, s := range []string{
		`"abc"`, `""`, `"abcdefgh"`, `"abcdefghi"`, `"abcdefg"`, `"Müller-Lüdenscheidt"`,
		`"王小明","x":1`, `"tab	here"`, `"back\\slash"`, "\"nul\x00\"", "\"del\x7f and more\"",
		"\"bad \xff utf-8\"", "\"cut \xe7\x8e", `"no end`, `"0123456789abcdef"`, `"x" ` + strings.Repeat("y", 20),
		"\"\x1f\x20\x21\x22\"", "\"\x80\x80\x80\x80\x80\x80\x80\x80\x80\"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, b string) {
		for i := range len(b) {
			if b[i] != '"' {
				continue
			}
			s, end, ok := scanString(b, i)
			ws, wend, wok := scanStringByByte(b, i)
			if s != ws || end != wend || ok != wok {
				t.Fatalf("scanString(%q, %d) = %q, %d, %v; byte by byte %q, %d, %v", b, i, s, end, ok, ws, wend, wok)
			}
		}
	})
}

// Every byte value, at every place in an eight-byte word, stops the scan exactly where
// the byte-at-a-time scan stops, before and after a multi-byte character is met.
func TestScanStringStopsAtEveryByte(t *testing.T) {
	for _, prefix := range []string{"", "é"} {
		for c := range 256 {
			for at := range 17 {
				b := `"` + prefix + strings.Repeat("a", at) + string([]byte{byte(c)}) + strings.Repeat("b", 9) + `"`
				s, end, ok := scanString(b, 0)
				ws, wend, wok := scanStringByByte(b, 0)
				if s != ws || end != wend || ok != wok {
					t.Fatalf("byte %#x at %d after %q: %q, %d, %v; byte by byte %q, %d, %v", c, at, prefix, s, end, ok, ws, wend, wok)
				}
			}
		}
	}
}

package scanner

import (
	"testing"
	"time"
)

func TestWedge(t *testing.T) {
	t0 := time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)
	// keys gives each key with the gap before it.
	type key struct {
		r   rune
		gap time.Duration
	}
	burst := func(s string, gap time.Duration) []key {
		var ks []key
		for _, r := range s {
			ks = append(ks, key{r, gap})
		}
		return ks
	}
	ms := time.Millisecond
	tests := []struct {
		name string
		keys []key
		want []string
	}{
		{"scanner burst", append(burst("WPN1:ABC", 5*ms), key{'\r', 5 * ms}), []string{"WPN1:ABC"}},
		{"newline ends too", append(burst("ESC1:XYZ", 8*ms), key{'\n', 8 * ms}), []string{"ESC1:XYZ"}},
		{"human typing", append(burst("hello", 120*ms), key{'\r', 150 * ms}), nil},
		{"too short", append(burst("ab", 5*ms), key{'\r', 5 * ms}), nil},
		{"slow enter", append(burst("WPN1:ABC", 5*ms), key{'\r', 400 * ms}), nil},
		{"typing then scan", append(append(append(burst("xy", 200*ms), key{'C', 300 * ms}), burst("ODE1234", 4*ms)...), key{'\r', 4 * ms}), []string{"CODE1234"}},
		{"two scans", append(append(append(burst("AAAA", 3*ms), key{'\r', 3 * ms}), burst("BBBB", 3*ms)...), key{'\r', 3 * ms}), []string{"AAAA", "BBBB"}},
		{"gap at threshold", append(burst("EDGE", 30*ms), key{'\r', 30 * ms}), []string{"EDGE"}},
		{"gap over threshold", append(burst("EDGE", 31*ms), key{'\r', 31 * ms}), nil},
		{"lone enter", []key{{'\r', 5 * ms}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := NewWedge(30*ms, 4)
			at := t0
			var got []string
			for _, k := range tt.keys {
				at = at.Add(k.gap)
				if code, ok := w.Key(k.r, at); ok {
					got = append(got, code)
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("got %q, want %q", got, tt.want)
				}
			}
		})
	}
}

package scanner

import (
	"errors"
	"strings"
	"testing"
)

func TestSplitter(t *testing.T) {
	tests := []struct {
		name  string
		term  Terminator
		reads []string
		idle  bool // the line goes quiet after the reads
		want  []string
		bad   int // codes reported as errors
	}{
		{"cr", TermCR, []string{"AB", "C\rDEF\r"}, false, []string{"ABC", "DEF"}, 0},
		{"lf", TermLF, []string{"A\nB\n\n"}, false, []string{"A", "B"}, 0},
		{"crlf split", TermCRLF, []string{"ABC\r", "\nX\r\n"}, false, []string{"ABC", "X"}, 0},
		{"crlf keeps lone cr", TermCRLF, []string{"A\rB\r\n"}, false, []string{"A\rB"}, 0},
		{"none idle", TermNone, []string{"张三", "李四"}, true, []string{"张三李四"}, 0},
		{"cr idle keeps partial", TermCR, []string{"ABC"}, true, nil, 0},
		{"utf-8 split mid-rune", TermCR, []string{"\xe5\xbc", "\xa0\r"}, false, []string{"张"}, 0},
		{"invalid utf-8", TermCR, []string{"\xc3\x28\r"}, false, []string{"\xc3\x28"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := splitter{term: tt.term}
			var got []scanned
			for _, r := range tt.reads {
				got = append(got, s.feed([]byte(r))...)
			}
			if tt.idle {
				got = append(got, s.idle()...)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %+v, want %q", got, tt.want)
			}
			bad := 0
			for i, c := range got {
				if c.text != tt.want[i] {
					t.Errorf("code %d = %q, want %q", i, c.text, tt.want[i])
				}
				if errors.Is(c.err, ErrInvalidUTF8) {
					bad++
				}
			}
			if bad != tt.bad {
				t.Errorf("%d invalid codes, want %d", bad, tt.bad)
			}
		})
	}
}

func TestSplitterTooLong(t *testing.T) {
	s := splitter{term: TermCR}
	got := s.feed([]byte(strings.Repeat("x", maxCodeBytes+5) + "\r"))
	if len(got) != 2 || !errors.Is(got[0].err, ErrCodeTooLong) || got[1].text != "xxxxx" {
		t.Fatalf("got %d codes, first err %v", len(got), got[0].err)
	}
}

func TestParseTerminator(t *testing.T) {
	for in, want := range map[string]Terminator{"cr": TermCR, "LF": TermLF, "crlf": TermCRLF, "none": TermNone} {
		if got, err := ParseTerminator(in); err != nil || got != want {
			t.Errorf("%q = %v, %v", in, got, err)
		}
	}
	if _, err := ParseTerminator("tab"); err == nil {
		t.Error("tab accepted")
	}
}

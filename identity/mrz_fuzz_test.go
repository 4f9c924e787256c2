package identity

import (
	"encoding/json"
	"strings"
	"testing"
)

// FuzzParseMRZ checks that the parser never panics and never calls valid an input that an
// independent reading of the ICAO layout would reject.
func FuzzParseMRZ(f *testing.F) {
	for _, s := range []string{specimenTD3, specimenTD1, specimenTD2, "", "\n\n", "P<\nL8"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		m := ParseMRZ(text, specimenDay)
		if _, err := json.Marshal(m); err != nil {
			t.Fatalf("marshal: %v", err)
		}
		if !m.Valid {
			if m.Err() == nil {
				t.Fatal("invalid MRZ without an error")
			}
			return
		}
		if len(m.Problems) != 0 {
			t.Fatalf("valid with problems %+v", m.Problems)
		}
		if why := independentlyInvalid(text); why != "" {
			t.Fatalf("valid, but %s: %q", why, text)
		}
	})
}

// independentlyInvalid re-reads the text without the parser's code: line count and
// widths, alphabet, and every check digit at the positions ICAO 9303 gives.
func independentlyInvalid(text string) string {
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.Trim(l, " \r"); l != "" {
			lines = append(lines, l)
		}
	}
	for _, l := range lines {
		for _, c := range l {
			if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '<') {
				return "character outside the MRZ alphabet"
			}
		}
	}
	type check struct {
		data string
		at   byte
	}
	var checks []check
	switch {
	case len(lines) == 2 && len(lines[0]) == 44 && len(lines[1]) == 44:
		l := lines[1]
		checks = []check{{l[0:9], l[9]}, {l[13:19], l[19]}, {l[21:27], l[27]},
			{l[0:10] + l[13:20] + l[21:43], l[43]}}
		if strings.Trim(l[28:42], "<") != "" || l[42] != '<' {
			checks = append(checks, check{l[28:42], l[42]})
		}
	case len(lines) == 2 && len(lines[0]) == 36 && len(lines[1]) == 36:
		l := lines[1]
		checks = []check{{l[13:19], l[19]}, {l[21:27], l[27]}, {l[0:10] + l[13:20] + l[21:35], l[35]}}
		if l[9] != '<' {
			checks = append(checks, check{l[0:9], l[9]})
		}
	case len(lines) == 3 && len(lines[0]) == 30 && len(lines[1]) == 30 && len(lines[2]) == 30:
		l1, l2 := lines[0], lines[1]
		checks = []check{{l2[0:6], l2[6]}, {l2[8:14], l2[14]}, {l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29], l2[29]}}
		if l1[14] != '<' {
			checks = append(checks, check{l1[5:14], l1[14]})
		}
	default:
		return "the lines fit no ICAO layout"
	}
	for _, c := range checks {
		if testCheckDigit(c.data)[0] != c.at {
			return "a check digit does not match"
		}
	}
	return ""
}

package identity

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzClassifyQuery checks that every kind the classifier offers passes that kind's own
// check, and that a name query keeps the text as typed.
func FuzzClassifyQuery(f *testing.F) {
	for _, s := range []string{"DEU C01X00T47", "deu:c01x00t47", "110101199003074477", "  1101 0119 9003 0744 77 ",
		"Müller", "王小明", "GBR-123456789", "ab-cdef1", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := ClassifyQuery(s)
		if len(q.Kinds) == 0 {
			t.Fatalf("%q: no kind", s)
		}
		for _, k := range q.Kinds {
			var bad bool
			switch k {
			case QuerySSN:
				bad = CheckSSN(q.Text) != nil
			case QueryPRID:
				bad = CheckPRID(q.Text) != nil
			case QueryPermit:
				bad = CheckPermitNumber(q.Text) != nil
			case QueryPassport:
				bad = !looksLikeDocumentNumber(q.Text) ||
					q.Nationality != "" && strings.Trim(q.Nationality, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" ||
					q.Nationality != "" && len(q.Nationality) != 3
			case QueryName:
				bad = len(q.Kinds) != 1 || q.Text != strings.TrimSpace(s)
			default:
				bad = true
			}
			if bad {
				t.Fatalf("%q classified as %s with text %q, nationality %q", s, k, q.Text, q.Nationality)
			}
		}
	})
}

// FuzzNames checks MRZName's output stays in the MRZ name alphabet without leading,
// trailing or doubled fillers, and that every search term of a name is a non-empty
// lower-case spelling without separators, found again among its AppendSearchTokens.
func FuzzNames(f *testing.F) {
	for _, s := range []string{"Müller-Lüdenscheidt, Hans", "Ørsted", "O'Brien", "王小明", "ŁUKASZ  żółć", "ĲSSEL<<ANNA", "İstanbul ǅ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m := MRZName(s)
		if strings.Trim(m, "ABCDEFGHIJKLMNOPQRSTUVWXYZ<") != "" || strings.Contains(m, "<<") ||
			strings.HasPrefix(m, "<") || strings.HasSuffix(m, "<") {
			t.Fatalf("MRZName(%q) = %q", s, m)
		}
		tokens := map[string]bool{}
		for _, tok := range strings.Fields(string(AppendSearchTokens(nil, s))) {
			tokens[tok] = true
		}
		for _, term := range SearchTerms(s) {
			if len(term) == 0 {
				t.Fatalf("%q: empty term", s)
			}
			for _, sp := range term {
				if sp == "" || !utf8.ValidString(sp) || !tokens[sp] {
					t.Fatalf("%q: spelling %q (tokens %v)", s, sp, tokens)
				}
				if sp != strings.ToLower(sp) {
					t.Fatalf("%q: spelling %q is not lower case", s, sp)
				}
				for _, r := range sp {
					if unicode.IsSpace(r) || r == '-' || r == ',' || r == '<' {
						t.Fatalf("%q: spelling %q holds %q", s, sp, r)
					}
				}
			}
		}
	})
}

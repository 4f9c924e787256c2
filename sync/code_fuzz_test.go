package sync

import (
	"errors"
	"strings"
	"testing"
)

// FuzzParseCode checks that an accepted enrollment code has the three parts of the
// printed shape, all in the base32 alphabet, and prints back to the canonical form of
// what was typed; a refused one is always ErrBadCode.
func FuzzParseCode(f *testing.F) {
	c, err := NewCode(CAFingerprint([]byte("fuzz CA")))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(c.String())
	f.Add("  " + strings.ToLower(c.String()) + "\n")
	f.Add("ABCDEFGH-ABCDEFGHIJKLMNOP")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCode(s)
		if err != nil {
			if !errors.Is(err, ErrBadCode) {
				t.Fatalf("unclassified error %v", err)
			}
			return
		}
		for _, p := range []struct {
			name, v string
			n       int
		}{{"id", c.ID, 8}, {"secret", c.Secret, 16}, {"fingerprint", c.CAFingerprint, 24}} {
			if len(p.v) != p.n || strings.Trim(p.v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") != "" {
				t.Fatalf("accepted %q with %s %q", s, p.name, p.v)
			}
		}
		if got := c.String(); got != strings.ToUpper(strings.TrimSpace(s)) {
			t.Fatalf("%q parsed to %q", s, got)
		}
		again, err := ParseCode(c.String())
		if err != nil || again != c {
			t.Fatalf("round trip of %q: %+v, %v", c, again, err)
		}
	})
}

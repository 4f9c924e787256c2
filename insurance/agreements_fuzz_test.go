package insurance

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"onecard/domain"
)

// FuzzReadAgreements checks the list central distributes: a refused list is an
// ErrAgreements with nothing of it returned, an accepted one holds only well-formed,
// distinct entries of known insurances and reads back the same after writing.
func FuzzReadAgreements(f *testing.F) {
	f.Add(defaultAgreements)
	f.Add([]byte(`{"as_of":"2026-11-27","agreements":[{"country":"DEU","in_force":"2002-04-04","insurances":["pension"],"source":"MOHRSS"}]}`))
	f.Add([]byte(`{"as_of":"2026-11-27","agreements":[{"country":"deu","in_force":"2002-04-04","insurances":["pension"],"source":"x"}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := ReadAgreements(bytes.NewReader(b))
		if err != nil {
			if !errors.Is(err, ErrAgreements) {
				t.Fatalf("unclassified error %v", err)
			}
			if !reflect.DeepEqual(a, Agreements{}) {
				t.Fatalf("refused %q (%v) but returned %+v", b, err, a)
			}
			return
		}
		if a.AsOf.IsZero() {
			t.Fatalf("accepted %q without as_of", b)
		}
		seen := map[string]bool{}
		for _, ag := range a.Agreements {
			if domain.CheckNationality(ag.Country) != nil || seen[ag.Country] || ag.InForce.IsZero() ||
				strings.TrimSpace(ag.Source) == "" || len(ag.Insurances) == 0 {
				t.Fatalf("accepted %q with entry %+v", b, ag)
			}
			seen[ag.Country] = true
			for _, k := range ag.Insurances {
				if !slices.Contains(Kinds(), k) {
					t.Fatalf("accepted %q with insurance %q", b, k)
				}
			}
			if got := a.Exemptions(ag.Country, ag.InForce); !reflect.DeepEqual(got, ag.Insurances) {
				t.Fatalf("%s exempts %v on the day in force, want %v", ag.Country, got, ag.Insurances)
			}
		}
		out, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		again, err := ParseAgreements(out)
		if err != nil || !reflect.DeepEqual(again, a) {
			t.Fatalf("round trip of %s: %+v, %v", out, again, err)
		}
	})
}

// FuzzParseRejection checks that central's rejection text reads back to its reason
// whatever the detail, and that a text is taken for a reason only when it starts with
// that reason's code.
func FuzzParseRejection(f *testing.F) {
	f.Add("permit_expired: permit 110101199003074477 ended 2026-01-31", "")
	f.Add("malformed", "detail: with a colon")
	f.Add("the permit has expired", "x")
	f.Fuzz(func(t *testing.T, s, detail string) {
		if r, ok := ParseRejection(s); ok {
			if !slices.Contains(Reasons(), r) || s != string(r) && !strings.HasPrefix(s, string(r)+":") {
				t.Fatalf("%q read as %q", s, r)
			}
		}
		for _, r := range Reasons() {
			if got, ok := ParseRejection(Rejection(r, detail)); !ok || got != r {
				t.Fatalf("Rejection(%q, %q) read back as %q, %v", r, detail, got, ok)
			}
		}
	})
}

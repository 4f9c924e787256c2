package residence

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

// FuzzPolicyFromSetting checks the synced policy setting: a refused document always
// leaves the default in force with an ErrPolicy, an accepted one is a single complete
// JSON document whose policy passes Validate, survives a JSON round trip, and whose
// validity cap, counted from a decision date, is a real day after it.
func FuzzPolicyFromSetting(f *testing.F) {
	def, err := json.Marshal(DefaultPolicy())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(def)
	f.Add([]byte(`{"version":"2026-01-01","apply_within_days":45}`))
	f.Add([]byte(`{"accepted_visa_types":["Z","R"],"documents":[{"id":"passport_visa","label":{"zh":"护照","en":"passport"}}]}`))
	f.Add([]byte(`  `))
	f.Fuzz(func(t *testing.T, doc []byte) {
		p, err := PolicyFromSetting(doc)
		if err != nil {
			if !errors.Is(err, ErrPolicy) {
				t.Fatalf("unclassified error %v", err)
			}
			if !reflect.DeepEqual(p, DefaultPolicy()) {
				t.Fatalf("refused %q but returned %+v", doc, p)
			}
			return
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("accepted %q: %v", doc, err)
		}
		if len(bytes.TrimSpace(doc)) == 0 {
			return
		}
		if !json.Valid(doc) {
			t.Fatalf("accepted %q, which is not one JSON document", doc)
		}
		out, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		again, err := LoadPolicy(bytes.NewReader(out))
		if err != nil || !reflect.DeepEqual(again, p) {
			t.Fatalf("round trip of %s: %+v, %v", out, again, err)
		}
		in := baseInput()
		in.PermitValidUntil, in.PassportExpiry = 0, 0
		end, _ := validityEnd(p, in)
		if !end.After(in.DecisionDate) || end.String() != in.DecisionDate.Time().AddDate(p.MaxValidityYears, 0, 0).Format("2006-01-02") {
			t.Fatalf("policy %s: the cap from %s ends %s", out, in.DecisionDate, end)
		}
		Decide(p, baseInput())
	})
}

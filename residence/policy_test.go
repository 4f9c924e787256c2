package residence

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestDefaultPolicy(t *testing.T) {
	p := DefaultPolicy()
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	if p.ApplyWithinDays != 30 || p.MinPermitDaysLeft != 90 || p.MinValidityDays != 90 || p.MaxValidityYears != 5 ||
		!reflect.DeepEqual(p.AcceptedVisaTypes, []string{"Z"}) {
		t.Errorf("defaults %+v", p)
	}
	if first, renewal := len(p.Required(true)), len(p.Required(false)); first != 7 || renewal != 6 {
		t.Errorf("required documents: first %d, renewal %d", first, renewal)
	}
}

func TestLoadPolicy(t *testing.T) {
	full, err := json.Marshal(DefaultPolicy())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		json  string
		check func(Policy) bool
		err   bool
	}{
		{"round trip", string(full), func(p Policy) bool { return reflect.DeepEqual(p, DefaultPolicy()) }, false},
		{"partial update keeps defaults", `{"apply_within_days": 45, "version": "2027-01-01"}`,
			func(p Policy) bool {
				return p.ApplyWithinDays == 45 && p.Version == "2027-01-01" && p.MinPermitDaysLeft == 90 && len(p.Documents) == 7
			}, false},
		{"list replaced", `{"accepted_visa_types": ["Z", "R"]}`,
			func(p Policy) bool { return reflect.DeepEqual(p.AcceptedVisaTypes, []string{"Z", "R"}) }, false},
		{"unknown field", `{"apply_within_dayz": 45}`, nil, true},
		{"not JSON", `apply_within_days = 45`, nil, true},
		{"zero window", `{"apply_within_days": 0}`, nil, true},
		{"no visa types", `{"accepted_visa_types": []}`, nil, true},
		{"cap below minimum", `{"max_validity_years": 0}`, nil, true},
		{"duplicate document", `{"documents": [{"id":"a","label":{"zh":"甲","en":"a"}},{"id":"a","label":{"zh":"甲","en":"a"}}]}`, nil, true},
		{"document without zh label", `{"documents": [{"id":"a","label":{"en":"a"}}]}`, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := LoadPolicy(strings.NewReader(tt.json))
			if tt.err {
				if !errors.Is(err, ErrPolicy) {
					t.Errorf("err %v, want ErrPolicy", err)
				}
				return
			}
			if err != nil || !tt.check(p) {
				t.Errorf("policy %+v, err %v", p, err)
			}
		})
	}
}

// Package residence decides whether a foreign worker is eligible for a residence permit
// for work, by rules that are data (Policy) so central can change them without a new
// build. It is pure: no store, no clock, no UI.
package residence

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// ErrPolicy is wrapped by every policy loading or validation failure.
var ErrPolicy = errors.New("invalid residence policy")

// Text is a message in both of the kiosk's languages.
type Text struct {
	ZH string `json:"zh"`
	EN string `json:"en"`
}

// Document is one item of the application checklist.
type Document struct {
	ID    string `json:"id"`
	Label Text   `json:"label"`
	// FirstApplicationOnly marks documents asked for only the first time (the health
	// certificate).
	FirstApplicationOnly bool `json:"first_application_only,omitempty"`
}

// Policy holds the numbers and lists the rules use.
type Policy struct {
	Version           string     `json:"version"`
	Source            string     `json:"source"`
	ApplyWithinDays   int        `json:"apply_within_days"`    // after entry on a Z visa
	MinPermitDaysLeft int        `json:"min_permit_days_left"` // on the work permit
	MinValidityDays   int        `json:"min_validity_days"`    // of the residence permit
	MaxValidityYears  int        `json:"max_validity_years"`   // of the residence permit
	AcceptedVisaTypes []string   `json:"accepted_visa_types"`
	Documents         []Document `json:"documents"`
}

// DefaultPolicy is the policy of DESIGN.md section 2: Exit and Entry Administration Law
// Art. 30 (30 days after entry, 90 days to 5 years) and onecard's own rules (at least
// 90 days left on the work permit; the residence permit ends no later than the work
// permit and the passport).
func DefaultPolicy() Policy {
	return Policy{
		Version:           "2024-12-01",
		Source:            "Exit and Entry Administration Law Art. 30; onecard rules (DESIGN.md s.2)",
		ApplyWithinDays:   30,
		MinPermitDaysLeft: 90,
		MinValidityDays:   90,
		MaxValidityYears:  5,
		AcceptedVisaTypes: []string{"Z"},
		Documents: []Document{
			{ID: "passport_visa", Label: Text{ZH: "护照及签证", EN: "passport and visa"}},
			{ID: "application_form", Label: Text{ZH: "申请表", EN: "application form"}},
			{ID: "photo_receipt", Label: Text{ZH: "照片回执", EN: "photo receipt"}},
			{ID: "accommodation_registration", Label: Text{ZH: "住宿登记", EN: "accommodation registration"}},
			{ID: "health_certificate", Label: Text{ZH: "健康证明", EN: "health certificate"}, FirstApplicationOnly: true},
			{ID: "work_permit_proof", Label: Text{ZH: "工作许可证明", EN: "work-permit proof"}},
			{ID: "employer_letter", Label: Text{ZH: "聘用单位函件", EN: "employer letter"}},
		},
	}
}

// LoadPolicy reads a JSON policy. Fields the JSON leaves out keep their defaults, so an
// update may carry only what changed; unknown fields are refused, so a misspelt
// setting cannot silently leave a default in force.
func LoadPolicy(r io.Reader) (Policy, error) {
	def := DefaultPolicy()
	p := def
	// encoding/json decodes an array into the existing backing array, merging each new
	// element into the old one, so a new checklist would inherit default labels: the
	// lists start empty and take their defaults only when the JSON leaves them out.
	p.AcceptedVisaTypes, p.Documents = nil, nil
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return Policy{}, fmt.Errorf("%w: %w", ErrPolicy, err)
	}
	// Text after the policy (a second document pasted in, a truncated edit) is refused
	// rather than silently ignored.
	if _, err := dec.Token(); err != io.EOF {
		return Policy{}, fmt.Errorf("%w: text after the policy document", ErrPolicy)
	}
	if p.AcceptedVisaTypes == nil {
		p.AcceptedVisaTypes = def.AcceptedVisaTypes
	}
	if p.Documents == nil {
		p.Documents = def.Documents
	}
	if err := p.Validate(); err != nil {
		return Policy{}, err
	}
	return p, nil
}

// Validate checks that the numbers are usable and the checklist is well formed.
func (p Policy) Validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrPolicy, fmt.Sprintf(format, args...))
	}
	switch {
	case p.ApplyWithinDays <= 0:
		return bad("apply_within_days %d must be positive", p.ApplyWithinDays)
	case p.MinPermitDaysLeft < 0:
		return bad("min_permit_days_left %d must not be negative", p.MinPermitDaysLeft)
	case p.MinValidityDays <= 0:
		return bad("min_validity_days %d must be positive", p.MinValidityDays)
	case p.MaxValidityYears <= 0 || p.MaxValidityYears > 100 || p.MaxValidityYears*365 < p.MinValidityDays:
		// The cap of 100 keeps the end date a real calendar day (and the product above
		// from overflowing); the law's own cap is 5.
		return bad("max_validity_years %d must be 1 to 100 and above min_validity_days", p.MaxValidityYears)
	case len(p.AcceptedVisaTypes) == 0:
		return bad("accepted_visa_types is empty")
	}
	seen := map[string]bool{}
	for _, d := range p.Documents {
		if d.ID == "" || d.Label.ZH == "" || d.Label.EN == "" {
			return bad("document %q needs an id and labels in zh and en", d.ID)
		}
		if seen[d.ID] {
			return bad("document %q listed twice", d.ID)
		}
		seen[d.ID] = true
	}
	return nil
}

// Required lists the documents asked for in a first application or a renewal.
func (p Policy) Required(first bool) []Document {
	var out []Document
	for _, d := range p.Documents {
		if first || !d.FirstApplicationOnly {
			out = append(out, d)
		}
	}
	return out
}

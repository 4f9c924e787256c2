// Package insurance holds the social-insurance agency's rules for foreigners: who may be
// registered and when (Decree No. 16, 2011), which bilateral agreements exempt which
// insurances, and the physical social security card's states and transitions. It is
// pure logic over domain records; the store and central apply its decisions.
package insurance

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"onecard/domain"
)

// The insurances of China's social-insurance scheme.
const (
	Pension      = "pension"
	Medical      = "medical"
	Unemployment = "unemployment"
	WorkInjury   = "work_injury"
	Maternity    = "maternity"
)

// Kinds lists every insurance.
func Kinds() []string { return []string{Pension, Medical, Unemployment, WorkInjury, Maternity} }

// Agreement is one bilateral social-security agreement in force.
type Agreement struct {
	Country    string      `json:"country"` // ISO 3166-1 alpha-3
	InForce    domain.Date `json:"in_force"`
	Insurances []string    `json:"insurances"` // the contributions it exempts
	Source     string      `json:"source"`
}

// Agreements is the list as published, with the day it was last checked.
type Agreements struct {
	AsOf       domain.Date `json:"as_of"`
	Note       string      `json:"note"`
	Agreements []Agreement `json:"agreements"`
}

// SettingAgreements is the name under which central publishes the list to every branch;
// without it a branch uses DefaultAgreements.
const SettingAgreements = "insurance_agreements"

//go:embed agreements.json
var defaultAgreements []byte

// ErrAgreements marks a list that cannot be used.
var ErrAgreements = errors.New("bad agreement list")

// DefaultAgreements is the list built into this binary.
func DefaultAgreements() Agreements {
	a, err := ParseAgreements(defaultAgreements)
	if err != nil {
		panic(fmt.Sprintf("built-in agreements.json: %v", err)) // a build defect, caught by the package's tests
	}
	return a
}

// maxAgreementsSize bounds an agreement list: a hundred countries fit in a few KiB.
const maxAgreementsSize = 1 << 20

// ReadAgreements reads a list central distributes.
func ReadAgreements(r io.Reader) (Agreements, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxAgreementsSize+1))
	if err != nil {
		return Agreements{}, err
	}
	if len(b) > maxAgreementsSize {
		return Agreements{}, fmt.Errorf("%w: larger than %d bytes", ErrAgreements, maxAgreementsSize)
	}
	return ParseAgreements(b)
}

// ParseAgreements decodes and checks a list: every entry needs a country, a date in
// force, known insurances and a source.
func ParseAgreements(b []byte) (Agreements, error) {
	a, err := parseAgreements(b)
	if err != nil {
		return Agreements{}, err // nothing of a refused list is used
	}
	return a, nil
}

func parseAgreements(b []byte) (Agreements, error) {
	var a Agreements
	if err := json.Unmarshal(b, &a); err != nil {
		return a, fmt.Errorf("%w: %v", ErrAgreements, err)
	}
	if a.AsOf.IsZero() {
		return a, fmt.Errorf("%w: as_of missing", ErrAgreements)
	}
	seen := map[string]bool{}
	for _, ag := range a.Agreements {
		switch {
		case domain.CheckNationality(ag.Country) != nil:
			return a, fmt.Errorf("%w: country %q", ErrAgreements, ag.Country)
		case seen[ag.Country]:
			return a, fmt.Errorf("%w: %s listed twice", ErrAgreements, ag.Country)
		case ag.InForce.IsZero() || strings.TrimSpace(ag.Source) == "" || len(ag.Insurances) == 0:
			return a, fmt.Errorf("%w: %s needs in_force, insurances and source", ErrAgreements, ag.Country)
		}
		for _, k := range ag.Insurances {
			if !slices.Contains(Kinds(), k) {
				return a, fmt.Errorf("%w: %s: unknown insurance %q", ErrAgreements, ag.Country, k)
			}
		}
		seen[ag.Country] = true
	}
	return a, nil
}

// Exemptions returns the insurances a national of country may be exempted from on day,
// or nil when no agreement is in force for them.
func (a Agreements) Exemptions(country string, day domain.Date) []string {
	for _, ag := range a.Agreements {
		if ag.Country == country && !day.Before(ag.InForce) {
			return slices.Clone(ag.Insurances)
		}
	}
	return nil
}

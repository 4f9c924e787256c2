package residence

import (
	"slices"

	"onecard/domain"
	"onecard/identity"
)

// Input is what the clerk's screen knows when it asks for a decision.
type Input struct {
	PermitStatus     domain.PermitStatus  `json:"permit_status"`
	PermitValidUntil domain.Date          `json:"permit_valid_until"`
	HolderMatch      identity.AuthOutcome `json:"holder_match"` // real-name check of the person against the passport
	PassportExpiry   domain.Date          `json:"passport_expiry"`
	EntryDate        domain.Date          `json:"entry_date"`
	VisaType         string               `json:"visa_type"`
	FirstApplication bool                 `json:"first_application"`
	Documents        []string             `json:"documents"` // ids of the documents presented
	DecisionDate     domain.Date          `json:"decision_date"`
}

// Result is one rule's verdict.
type Result string

const (
	Pass  Result = "pass"
	Fail  Result = "fail"  // makes the applicant not eligible
	Refer Result = "refer" // needs an officer's judgement
)

// RuleResult is one rule as applied, with an explanation that counts the days.
type RuleResult struct {
	ID      string `json:"id"`
	Result  Result `json:"result"`
	Explain Text   `json:"explain"`
}

// Decision is the outcome: eligible with the longest residence permit allowed, not
// eligible (some rule failed), or refer (no rule failed but one needs an officer).
type Decision struct {
	Outcome    domain.ResidenceDecision `json:"outcome"`
	ValidFrom  domain.Date              `json:"valid_from,omitempty"`
	ValidUntil domain.Date              `json:"valid_until,omitempty"` // set when eligible
	Missing    []string                 `json:"missing,omitempty"`     // document ids not presented
	Rules      []RuleResult             `json:"rules"`
}

// Decide applies every rule of the policy to the input; all rules are listed, whatever
// the outcome, so the clerk sees every reason at once.
func Decide(p Policy, in Input) Decision {
	end, limit := validityEnd(p, in)
	missing := missingDocuments(p, in)
	rules := []RuleResult{
		visaRule(p, in),
		entryRule(p, in),
		permitStatusRule(in),
		holderRule(in),
		permitDaysRule(p, in),
		passportRule(in),
		validityRule(p, in, end, limit),
		documentsRule(missing),
	}
	d := Decision{Rules: rules, Outcome: domain.DecisionEligible}
	for _, doc := range missing {
		d.Missing = append(d.Missing, doc.ID)
	}
	switch {
	case slices.ContainsFunc(rules, func(r RuleResult) bool { return r.Result == Fail }):
		d.Outcome = domain.DecisionNotEligible
	case slices.ContainsFunc(rules, func(r RuleResult) bool { return r.Result == Refer }):
		d.Outcome = domain.DecisionRefer
	default:
		d.ValidFrom, d.ValidUntil = in.DecisionDate, end
	}
	return d
}

// limitKind names what ends the residence permit soonest.
type limitKind int

const (
	limitCap limitKind = iota
	limitPermit
	limitPassport
)

// validityEnd is the longest residence permit allowed: the policy's cap from the
// decision date, but never past the work permit's end or the passport's expiry.
func validityEnd(p Policy, in Input) (domain.Date, limitKind) {
	end, limit := in.DecisionDate.AddDate(p.MaxValidityYears, 0, 0), limitCap
	if !in.PermitValidUntil.IsZero() && in.PermitValidUntil.Before(end) {
		end, limit = in.PermitValidUntil, limitPermit
	}
	if !in.PassportExpiry.IsZero() && in.PassportExpiry.Before(end) {
		end, limit = in.PassportExpiry, limitPassport
	}
	return end, limit
}

func missingDocuments(p Policy, in Input) []Document {
	var out []Document
	for _, d := range p.Required(in.FirstApplication) {
		if !slices.Contains(in.Documents, d.ID) {
			out = append(out, d)
		}
	}
	return out
}

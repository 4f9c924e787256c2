package domain

import "time"

// ResidenceDecision is the outcome of a residence-permit eligibility check.
type ResidenceDecision string

const (
	DecisionEligible    ResidenceDecision = "eligible"
	DecisionNotEligible ResidenceDecision = "not_eligible"
	DecisionRefer       ResidenceDecision = "refer"
)

// ResidenceVerification records an exit-entry clerk's decision for a residence permit.
type ResidenceVerification struct {
	Ref          string            `json:"ref"`
	PersonID     int64             `json:"person_id"`
	PermitNumber string            `json:"permit_number"`
	Decision     ResidenceDecision `json:"decision"`
	ValidUntil   Date              `json:"valid_until,omitempty"` // longest residence permit allowed, when eligible
	Rules        []byte            `json:"rules,omitempty"`       // JSON: every rule with its result
	StaffID      string            `json:"staff_id"`
	Branch       string            `json:"branch"`
	DecidedAt    time.Time         `json:"decided_at"`
}

// Notification is a notice to a holder (expiry reminders, results of verifications).
type Notification struct {
	ID        string    `json:"id"`
	PersonID  int64     `json:"person_id"`
	Kind      string    `json:"kind"`
	TextZH    string    `json:"text_zh"`
	TextEN    string    `json:"text_en"`
	CreatedAt time.Time `json:"created_at"`
}

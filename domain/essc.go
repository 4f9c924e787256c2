package domain

import (
	"time"

	"onecard/identity"
)

// RealNameState tracks the e-SSC's real-name authentication.
type RealNameState string

const (
	RealNameNone          RealNameState = "none"
	RealNamePending       RealNameState = "pending"
	RealNameAuthenticated RealNameState = "authenticated"
)

// ESSC is a person's electronic social security card, which since 2024-12-01 also carries
// the work permit. SSN is set once the agency has assigned one (possibly before the
// holder registered the e-SSC on a phone).
type ESSC struct {
	PersonID        int64         `json:"person_id"`
	PermitNumber    string        `json:"permit_number"`
	SSN             string        `json:"ssn,omitempty"`
	RegisteredAt    time.Time     `json:"registered_at,omitzero"` // zero: not registered on a phone
	RealName        RealNameState `json:"real_name"`
	AuthenticatedAt time.Time     `json:"authenticated_at,omitzero"`
	UpdatedAt       time.Time     `json:"updated_at"`
}

// Registered reports whether the holder has registered the e-SSC.
func (e ESSC) Registered() bool { return !e.RegisteredAt.IsZero() }

// Validate checks the SSN and the enumerations.
func (e ESSC) Validate() error {
	var ssn error
	if e.SSN != "" {
		ssn = identity.CheckSSN(e.SSN)
	}
	var permit error
	if e.PermitNumber != "" {
		permit = identity.CheckPermitNumber(e.PermitNumber)
	}
	return firstErr(ssn, permit,
		oneOf("real_name", e.RealName, RealNameNone, RealNamePending, RealNameAuthenticated))
}

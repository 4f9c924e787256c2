package domain

import (
	"time"

	"onecard/identity"
)

// Registrant says who applied for the social-insurance registration.
type Registrant string

const (
	RegistrantEmployer Registrant = "employer"
	RegistrantSelf     Registrant = "self"
)

// RegistrationStatus of an insurance registration as central has decided it.
type RegistrationStatus string

const (
	RegistrationPending  RegistrationStatus = "pending" // recorded at a branch, not yet applied by central
	RegistrationAccepted RegistrationStatus = "accepted"
	RegistrationRejected RegistrationStatus = "rejected"
)

// RegistrationDeadlineDays: the employer registers the foreigner within 30 days of the
// employment document (Decree No. 16, 2011).
const RegistrationDeadlineDays = 30

// InsuranceRegistration is a social-insurance registration of a foreigner.
type InsuranceRegistration struct {
	ID           string             `json:"id"` // reference number, unique across branches
	PersonID     int64              `json:"person_id"`
	PermitNumber string             `json:"permit_number"`
	Registrant   Registrant         `json:"registrant"`
	EmployerUSCC string             `json:"employer_uscc,omitempty"`
	RegisteredOn Date               `json:"registered_on"`
	Late         bool               `json:"late"`
	Exempt       []string           `json:"exempt,omitempty"` // insurance kinds covered by a bilateral agreement
	Branch       string             `json:"branch"`
	Status       RegistrationStatus `json:"status"`
	Reason       string             `json:"reason,omitempty"`
	UpdatedAt    time.Time          `json:"updated_at"`
}

// Validate checks identifiers and enumerations.
func (r InsuranceRegistration) Validate() error {
	var uscc error
	if r.Registrant == RegistrantEmployer || r.EmployerUSCC != "" {
		uscc = identity.CheckUSCC(r.EmployerUSCC)
	}
	var on error
	if r.RegisteredOn.IsZero() {
		on = invalid("registered_on", "", ErrRequired)
	}
	return firstErr(
		required("id", r.ID),
		identity.CheckPermitNumber(r.PermitNumber),
		oneOf("registrant", r.Registrant, RegistrantEmployer, RegistrantSelf),
		uscc, on,
		oneOf("status", r.Status, RegistrationPending, RegistrationAccepted, RegistrationRejected),
	)
}

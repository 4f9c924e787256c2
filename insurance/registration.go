package insurance

import (
	"slices"

	"onecard/domain"
	"onecard/identity"
)

// RegistrationRequest is what the counter knows when a foreigner is to be registered:
// the person, the permit as the system returned it (nil when not found), who applies,
// the registrations already known, and any exemption asked for.
type RegistrationRequest struct {
	Person        domain.Person
	Permit        *domain.WorkPermit
	Registrant    domain.Registrant
	EmployerUSCC  string
	Existing      []domain.InsuranceRegistration
	RequestExempt []string
	Day           domain.Date
}

// RegistrationDecision says whether the registration may be recorded and why, whether
// it is late (more than 30 days after the permit's start, Decree No. 16 Art. 3), and
// which insurances an agreement exempts.
type RegistrationDecision struct {
	Accepted     bool        `json:"accepted"`
	Reason       Reason      `json:"reason"`
	Deadline     domain.Date `json:"deadline"`
	DaysAfter    int         `json:"days_after_permit"`
	Late         bool        `json:"late"`
	Exempt       []string    `json:"exempt,omitempty"`
	Agreement    string      `json:"agreement,omitempty"` // the country whose agreement applies
	AgreementSrc string      `json:"agreement_source,omitempty"`
}

// DecideRegistration applies the registration rules in the order a clerk checks them.
// A late registration is accepted and flagged: the duty to register on time is the
// employer's, and refusing would leave the worker uninsured.
func DecideRegistration(req RegistrationRequest, agreements Agreements) RegistrationDecision {
	refuse := func(r Reason) RegistrationDecision { return RegistrationDecision{Reason: r} }
	p := req.Permit
	if p == nil {
		return refuse(ReasonPermitNotFound)
	}
	if p.PersonID != req.Person.ID {
		return refuse(ReasonPermitOfAnother)
	}
	switch p.EffectiveStatus(req.Day) {
	case domain.PermitExpired:
		return refuse(ReasonPermitExpired)
	case domain.PermitCancelled:
		return refuse(ReasonPermitCancelled)
	case domain.PermitRevoked:
		return refuse(ReasonPermitRevoked)
	}
	if req.Registrant == domain.RegistrantEmployer {
		if identity.CheckUSCC(req.EmployerUSCC) != nil {
			return refuse(ReasonEmployerMissing)
		}
		if req.EmployerUSCC != p.EmployerUSCC {
			return refuse(ReasonEmployerMismatch)
		}
	}
	for _, r := range req.Existing {
		if r.PermitNumber == p.Number && r.Status != domain.RegistrationRejected {
			return refuse(ReasonAlreadyRegistered)
		}
	}
	d := RegistrationDecision{Accepted: true, Reason: ReasonRegistered,
		Deadline: p.ValidFrom.AddDays(domain.RegistrationDeadlineDays), DaysAfter: p.ValidFrom.DaysUntil(req.Day)}
	d.Late = req.Day.After(d.Deadline)
	if len(req.RequestExempt) > 0 {
		covered := agreements.Exemptions(req.Person.Nationality, req.Day)
		for _, k := range req.RequestExempt {
			if !slices.Contains(covered, k) {
				return refuse(ReasonExemptionNotCovered)
			}
		}
		d.Exempt = slices.Clone(req.RequestExempt)
		d.Agreement = req.Person.Nationality
		for _, ag := range agreements.Agreements {
			if ag.Country == req.Person.Nationality {
				d.AgreementSrc = ag.Source
			}
		}
	}
	return d
}

package credential

import "onecard/domain"

// PermitOf is what the issuer signs for a stored permit and its holder.
func PermitOf(p domain.Person, w domain.WorkPermit) Permit {
	return Permit{
		Number: w.Number, Surname: p.Surname, GivenNames: p.GivenNames, Nationality: p.Nationality,
		BirthDate: p.BirthDate.String(), Category: string(w.Category), Employer: w.EmployerName,
		ValidFrom: w.ValidFrom.String(), ValidUntil: w.ValidUntil.String(),
	}
}

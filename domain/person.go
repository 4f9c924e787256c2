package domain

import (
	"time"

	"onecard/identity"
)

// Sex as the MRZ records it.
type Sex string

const (
	SexMale        Sex = "M"
	SexFemale      Sex = "F"
	SexUnspecified Sex = "X"
)

// Person is a foreign national known to the system. Names are in their natural Latin
// form as printed in the passport's visual zone (diacritics and apostrophes kept);
// identity.MRZName gives the machine-readable form.
type Person struct {
	ID             int64     `json:"id"`
	Surname        string    `json:"surname"`
	GivenNames     string    `json:"given_names"`
	ChineseName    string    `json:"chinese_name,omitempty"`
	Nationality    string    `json:"nationality"` // ISO 3166-1 alpha-3
	Sex            Sex       `json:"sex"`
	BirthDate      Date      `json:"birth_date"`
	PassportNumber string    `json:"passport_number"`
	PassportExpiry Date      `json:"passport_expiry"`
	PRID           string    `json:"pr_id,omitempty"` // Foreigner Permanent Residence ID
	Region         string    `json:"region"`          // work region of the current permit: the sync scope
	UpdatedAt      time.Time `json:"updated_at"`
}

// FullName is "Surname, Given Names" as shown on screen.
func (p Person) FullName() string {
	if p.GivenNames == "" {
		return p.Surname
	}
	return p.Surname + ", " + p.GivenNames
}

// Validate checks every field that has a rule.
func (p Person) Validate() error {
	var prid error
	if p.PRID != "" {
		prid = identity.CheckPRID(p.PRID)
	}
	var birth error
	if p.BirthDate.IsZero() {
		birth = invalid("birth_date", "", ErrRequired)
	}
	var expiry error
	if p.PassportExpiry.IsZero() {
		expiry = invalid("passport_expiry", "", ErrRequired)
	}
	return firstErr(
		required("surname", p.Surname),
		CheckNationality(p.Nationality),
		oneOf("sex", p.Sex, SexMale, SexFemale, SexUnspecified),
		birth,
		CheckPassportNumber(p.PassportNumber),
		expiry,
		prid,
		CheckRegion(p.Region),
	)
}

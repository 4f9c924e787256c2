package domain

import (
	"time"

	"onecard/identity"
)

// PermitCategory: A high-end, B professional, C other (Service Guide 2017).
type PermitCategory string

const (
	CategoryA PermitCategory = "A"
	CategoryB PermitCategory = "B"
	CategoryC PermitCategory = "C"
)

// PermitTrack separates work of more than 90 days from listed short assignments.
type PermitTrack string

const (
	TrackOver90  PermitTrack = "over90"
	TrackUnder90 PermitTrack = "under90"
)

// PermitStatus is the recorded state; a valid permit past its end date is expired
// whether or not the record says so yet (see EffectiveStatus).
type PermitStatus string

const (
	PermitValid     PermitStatus = "valid"
	PermitExpired   PermitStatus = "expired"
	PermitCancelled PermitStatus = "cancelled"
	PermitRevoked   PermitStatus = "revoked"
)

// PermitForm: since 2024-12-01 permits live in the e-SSC; holders of a physical card keep
// it until their next extension or change (HRSS [2024] No. 75, "no change, no replacement").
type PermitForm string

const (
	FormElectronic     PermitForm = "electronic"
	FormPhysicalLegacy PermitForm = "physical_legacy"
)

// MaxPermitYears caps a permit's validity: a labour contract runs at most 5 years
// (Employment Rules Art. 18).
const MaxPermitYears = 5

// ShortTrackDays caps the under-90-days track.
const ShortTrackDays = 90

// WorkPermit is a foreigner's work permit (外国人工作许可).
type WorkPermit struct {
	Number       string         `json:"number"`
	PersonID     int64          `json:"person_id"`
	Category     PermitCategory `json:"category"`
	Track        PermitTrack    `json:"track"`
	EmployerName string         `json:"employer_name"`
	EmployerUSCC string         `json:"employer_uscc"`
	Position     string         `json:"position"`
	Region       string         `json:"region"`
	ValidFrom    Date           `json:"valid_from"`
	ValidUntil   Date           `json:"valid_until"`
	Status       PermitStatus   `json:"status"`
	Form         PermitForm     `json:"form"`
	UpdatedAt    time.Time      `json:"updated_at"`
}

// EffectiveStatus is the status on the given day: a recorded "valid" permit whose end
// date has passed is expired.
func (w WorkPermit) EffectiveStatus(today Date) PermitStatus {
	if w.Status == PermitValid && today.After(w.ValidUntil) {
		return PermitExpired
	}
	return w.Status
}

// DaysLeft counts the days from today to the last valid day (negative once expired).
func (w WorkPermit) DaysLeft(today Date) int { return today.DaysUntil(w.ValidUntil) }

// Validate checks identifiers, enumerations and the validity period.
func (w WorkPermit) Validate() error {
	var period error
	switch {
	case w.ValidFrom.IsZero():
		period = invalid("valid_from", "", ErrRequired)
	case w.ValidUntil.IsZero():
		period = invalid("valid_until", "", ErrRequired)
	case !w.ValidUntil.After(w.ValidFrom):
		period = invalid("valid_until", w.ValidUntil, ErrRange)
	case w.ValidUntil.After(w.ValidFrom.AddDate(MaxPermitYears, 0, 0)):
		period = invalid("valid_until", w.ValidUntil, ErrRange)
	case w.Track == TrackUnder90 && w.ValidFrom.DaysUntil(w.ValidUntil) > ShortTrackDays:
		period = invalid("valid_until", w.ValidUntil, ErrRange)
	}
	var person error
	if w.PersonID <= 0 {
		person = invalid("person_id", w.PersonID, ErrRequired)
	}
	return firstErr(
		identity.CheckPermitNumber(w.Number),
		person,
		oneOf("category", w.Category, CategoryA, CategoryB, CategoryC),
		oneOf("track", w.Track, TrackOver90, TrackUnder90),
		required("employer_name", w.EmployerName),
		identity.CheckUSCC(w.EmployerUSCC),
		required("position", w.Position),
		CheckRegion(w.Region),
		period,
		oneOf("status", w.Status, PermitValid, PermitExpired, PermitCancelled, PermitRevoked),
		oneOf("form", w.Form, FormElectronic, FormPhysicalLegacy),
	)
}

package identity

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrMRZ is wrapped by MRZ.Err when a machine-readable zone failed any check.
var ErrMRZ = errors.New("MRZ invalid")

// MRZ is a parsed machine-readable zone. Every field is as the document prints it, with
// fillers turned to spaces in names and trimmed elsewhere; nothing a reader got wrong is
// corrected. Valid is true only when the layout was recognised, no problem was found and
// every check digit of the format matched.
type MRZ struct {
	Format            Format     `json:"format,omitempty"`
	DocumentCode      string     `json:"document_code,omitempty"`
	Issuer            string     `json:"issuer,omitempty"`        // as printed, fillers kept: "D<<"
	IssuerAlpha3      string     `json:"issuer_alpha3,omitempty"` // ISO alpha-3 for the store: "DEU"
	Surname           string     `json:"surname,omitempty"`       // primary identifier
	GivenNames        string     `json:"given_names,omitempty"`   // secondary identifier
	Name              string     `json:"name,omitempty"`          // name field, trailing fillers trimmed
	NameTruncated     bool       `json:"name_truncated"`          // the name field is full to its last character
	DocumentNumber    string     `json:"document_number,omitempty"`
	Nationality       string     `json:"nationality,omitempty"`
	NationalityAlpha3 string     `json:"nationality_alpha3,omitempty"`
	BirthDate         MRZDate    `json:"birth_date"`
	Sex               string     `json:"sex,omitempty"` // M, F or X (printed as '<')
	ExpiryDate        MRZDate    `json:"expiry_date"`
	OptionalData      string     `json:"optional_data,omitempty"`
	OptionalData2     string     `json:"optional_data_2,omitempty"`
	Checks            []MRZCheck `json:"checks"`
	Problems          []Problem  `json:"problems"`
	Valid             bool       `json:"valid"`
}

// MRZDate is a YYMMDD field. Date is set only when the field held a real calendar day;
// a birth date written with fillers (allowed when unknown) leaves it empty.
type MRZDate struct {
	Raw  string    `json:"raw"`
	Date string    `json:"date,omitempty"` // YYYY-MM-DD after century resolution
	Time time.Time `json:"-"`              // midnight UTC of Date
}

// Known reports whether the field resolved to a calendar day.
func (d MRZDate) Known() bool { return !d.Time.IsZero() }

// MRZCheck is one check digit: what the data computes to and what the document printed.
// Expected is "?" when the data holds characters no check digit can be computed over.
type MRZCheck struct {
	Name     string `json:"name"` // document_number, birth_date, expiry_date, optional_data, composite
	Expected string `json:"expected"`
	Found    string `json:"found"`
	OK       bool   `json:"ok"`
}

// Problem is one thing wrong with the MRZ text, located by 1-based line and position
// (0 when it concerns the whole input or line). Code is stable for catalogue lookup;
// Suggest is what the reader probably meant, never applied.
type Problem struct {
	Code     string `json:"code"`
	Line     int    `json:"line,omitempty"`
	Position int    `json:"position,omitempty"`
	Field    string `json:"field,omitempty"`
	Found    string `json:"found,omitempty"`
	Suggest  string `json:"suggest,omitempty"`
	Message  string `json:"message"`
}

// Problem codes.
const (
	ProblemLines          = "lines"
	ProblemLength         = "length"
	ProblemLowercase      = "lowercase"
	ProblemCharset        = "charset"
	ProblemLetterForDigit = "letter_for_digit"
	ProblemDigitForLetter = "digit_for_letter"
	ProblemFillerForDigit = "filler_for_digit"
	ProblemDocumentCode   = "document_code"
	ProblemCountry        = "country"
	ProblemDate           = "date"
	ProblemSex            = "sex"
	ProblemName           = "name"
	ProblemDocumentNumber = "document_number"
)

// Err is nil for a valid MRZ and otherwise wraps ErrMRZ with the first failure.
func (m *MRZ) Err() error {
	if m.Valid {
		return nil
	}
	if len(m.Problems) > 0 {
		return fmt.Errorf("%w: %s", ErrMRZ, m.Problems[0].Message)
	}
	for _, c := range m.Checks {
		if !c.OK {
			return fmt.Errorf("%w: %s check digit %s, expected %s", ErrMRZ, c.Name, c.Found, c.Expected)
		}
	}
	return fmt.Errorf("%w: not checked", ErrMRZ)
}

// Expired reports whether the document's last valid day is before the calendar day of at.
// A document whose expiry could not be read counts as expired.
func (m *MRZ) Expired(at time.Time) bool {
	if !m.ExpiryDate.Known() {
		return true
	}
	y, mo, d := at.Date()
	return m.ExpiryDate.Time.Before(time.Date(y, mo, d, 0, 0, 0, 0, time.UTC))
}

// ParseMRZ reads the machine-readable zone in text: two or three lines, blank lines
// ignored, spaces and carriage returns at line ends trimmed. at is the reference day
// for resolving two-digit years: a birth date is the latest matching day not after at,
// an expiry date the one within 50 years either side of at.
func ParseMRZ(text string, at time.Time) MRZ {
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.Trim(l, " \r"); l != "" {
			lines = append(lines, l)
		}
	}
	p := parser{at: at}
	p.run(lines)
	return p.m
}

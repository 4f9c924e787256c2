package identity

import (
	"strings"
	"time"
)

// Holder is what the store records about a person, in the terms an MRZ can be compared
// with. Dates are calendar days (the time of day and zone are ignored).
type Holder struct {
	Surname        string
	GivenNames     string
	Nationality    string // ISO 3166-1 alpha-3
	BirthDate      time.Time
	Sex            string // M, F or X
	PassportNumber string
	PassportExpiry time.Time
}

// FieldOutcome is the result of comparing one field.
type FieldOutcome string

const (
	FieldMatch    FieldOutcome = "match"
	FieldMismatch FieldOutcome = "mismatch"
)

// FieldComparison is one field of the document against the record, with both values.
type FieldComparison struct {
	Field    string       `json:"field"` // name, nationality, birth_date, sex, passport_number, passport_expiry
	Outcome  FieldOutcome `json:"outcome"`
	Document string       `json:"document"`
	Holder   string       `json:"holder"`
	Name     *NameMatch   `json:"name,omitempty"` // how the names matched, for the name field
}

// AuthOutcome is the verdict of real-name authentication against a passport.
type AuthOutcome string

const (
	Authenticated   AuthOutcome = "authenticated"
	AuthMismatch    AuthOutcome = "mismatch"
	DocumentExpired AuthOutcome = "document_expired"
	MRZInvalid      AuthOutcome = "mrz_invalid"
)

// DocumentComparison is the result of CompareDocument.
type DocumentComparison struct {
	Outcome AuthOutcome       `json:"outcome"`
	Fields  []FieldComparison `json:"fields"`
	Expired bool              `json:"expired"`
}

// Mismatched lists the fields that did not match.
func (c DocumentComparison) Mismatched() []string {
	var out []string
	for _, f := range c.Fields {
		if f.Outcome != FieldMatch {
			out = append(out, f.Field)
		}
	}
	return out
}

// CompareDocument compares a parsed MRZ with the holder's record, field by field, on the
// calendar day of at. The outcome is, in order of precedence: MRZ invalid (the document
// cannot be trusted at all), mismatch, document expired, authenticated. A field missing
// on either side is a mismatch, never a silent pass.
func CompareDocument(doc MRZ, h Holder, at time.Time) DocumentComparison {
	name := MatchName(h.Surname, h.GivenNames, doc.Name, doc.NameTruncated)
	fields := []FieldComparison{
		{Field: "name", Document: doc.Name, Holder: name.Expected, Outcome: outcome(name.Outcome.Matches()), Name: &name},
		compareField("nationality", doc.NationalityAlpha3, strings.ToUpper(strings.TrimSpace(h.Nationality))),
		compareField("birth_date", doc.BirthDate.Date, civilString(h.BirthDate)),
		compareField("sex", doc.Sex, strings.ToUpper(strings.TrimSpace(h.Sex))),
		compareField("passport_number", doc.DocumentNumber, strings.ToUpper(strings.ReplaceAll(h.PassportNumber, " ", ""))),
		compareField("passport_expiry", doc.ExpiryDate.Date, civilString(h.PassportExpiry)),
	}
	c := DocumentComparison{Fields: fields, Expired: doc.Expired(at)}
	switch {
	case !doc.Valid:
		c.Outcome = MRZInvalid
	case len(c.Mismatched()) > 0:
		c.Outcome = AuthMismatch
	case c.Expired:
		c.Outcome = DocumentExpired
	default:
		c.Outcome = Authenticated
	}
	return c
}

func compareField(field, doc, holder string) FieldComparison {
	return FieldComparison{Field: field, Document: doc, Holder: holder, Outcome: outcome(doc != "" && doc == holder)}
}

func outcome(ok bool) FieldOutcome {
	if ok {
		return FieldMatch
	}
	return FieldMismatch
}

// civilString writes the calendar day of t in its own location, "" for the zero time.
func civilString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

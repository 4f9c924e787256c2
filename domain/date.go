// Package domain holds onecard's records as plain Go types with their validation rules:
// persons, work permits, e-SSCs, insurance registrations, physical cards, residence
// verifications, notifications, staff, audit entries, outbox events and sync state.
package domain

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"time"
)

// Date is a calendar day with no time of day or zone, counted in days since 0001-01-01
// plus one, so that the zero value means "not set" and day arithmetic is plain integer
// arithmetic. It is stored and shown as YYYY-MM-DD.
type Date int32

const dateLayout = "2006-01-02"

// epochUnixDay is 0001-01-01 in days since 1970-01-01; durations cannot span two
// millennia (they overflow at 292 years), so day counts go through Unix seconds.
var epochUnixDay = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).Unix() / secondsPerDay

const secondsPerDay = 24 * 60 * 60

// NewDate returns the given calendar day; out-of-range months and days normalise as in time.Date.
func NewDate(year int, month time.Month, day int) Date {
	return DateOf(time.Date(year, month, day, 0, 0, 0, 0, time.UTC))
}

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	u := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return Date(u.Unix()/secondsPerDay - epochUnixDay + 1)
}

// ParseDate reads YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	if y, m, d, ok := parseCivil(s); ok {
		return Date(daysFromCivil(y, m, d) - epochUnixDay + 1), nil
	}
	// Anything else is time.Parse's to accept or refuse, with the same messages.
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return 0, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	if t.Year() < 1 {
		// Year 0000 has no place in the day count: its last day would be the unset date.
		return 0, fmt.Errorf("date %q: year must be 0001 or later", s)
	}
	return DateOf(t), nil
}

// MustDate is ParseDate for literals in tests and tables; it panics on a bad literal.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d == 0 }

// Time returns midnight UTC of the day.
func (d Date) Time() time.Time {
	return time.Unix((int64(d)-1+epochUnixDay)*secondsPerDay, 0).UTC()
}

// AddDays returns the day n days later (earlier for negative n).
func (d Date) AddDays(n int) Date { return d + Date(n) }

// AddDate adds years, months and days as time.AddDate does (Feb 29 + 1 year = Mar 1).
func (d Date) AddDate(years, months, days int) Date {
	return DateOf(d.Time().AddDate(years, months, days))
}

// DaysUntil returns the number of days from d to e (negative when e is earlier).
func (d Date) DaysUntil(e Date) int { return int(e - d) }

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d < e }

// After reports whether d is later than e.
func (d Date) After(e Date) bool { return d > e }

func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return string(d.AppendText(nil))
}

// AppendText appends the date as String writes it.
func (d Date) AppendText(b []byte) []byte {
	if d.IsZero() {
		return b
	}
	if y, m, day := civilFromDays(int64(d) - 1 + epochUnixDay); y >= 1 && y <= 9999 {
		return appendCivil(b, y, m, day)
	}
	return d.Time().AppendFormat(b, dateLayout)
}

// MarshalJSON writes "YYYY-MM-DD", or null when unset.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads "YYYY-MM-DD" or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = 0
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("date: %w", err)
	}
	return d.scanText(s)
}

// Value stores the date as TEXT YYYY-MM-DD, or NULL when unset.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// Scan reads TEXT YYYY-MM-DD or NULL.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = 0
		return nil
	case string:
		return d.scanText(v)
	case []byte:
		return d.scanText(string(v))
	case time.Time:
		*d = DateOf(v)
		return nil
	}
	return fmt.Errorf("date: cannot scan %T", src)
}

func (d *Date) scanText(s string) error {
	if s == "" {
		*d = 0
		return nil
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

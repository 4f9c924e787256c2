// Package identity knows the identifiers and documents a foreigner presents: work-permit
// numbers, Permanent Residence IDs, social security numbers, unified social credit codes,
// passport MRZs, and how names are written in them. It does no I/O.
package identity

import (
	"errors"
	"fmt"
)

// Sentinel errors, so callers can map a failure to catalogue text with errors.Is.
var (
	ErrLength   = errors.New("wrong length")
	ErrCharset  = errors.New("character not allowed")
	ErrCheck    = errors.New("check character does not match")
	ErrPrefix   = errors.New("wrong leading character")
	ErrEmpty    = errors.New("empty")
	ErrNotADate = errors.New("not a valid date")
)

// FieldError names the identifier that failed and why.
type FieldError struct {
	Field string // permit_number, pr_id, ssn, uscc, passport_number, ...
	Value string
	Err   error
}

func (e *FieldError) Error() string {
	return fmt.Sprintf("%s %q: %v", e.Field, e.Value, e.Err)
}

func (e *FieldError) Unwrap() error { return e.Err }

func fieldErr(field, value string, err error) error {
	return &FieldError{Field: field, Value: value, Err: err}
}

// PermitNumberLen is the length of a work-permit number. No public structure or check
// digit was found (DESIGN.md section 2), so it is treated as opaque [0-9A-Z]{18}.
const PermitNumberLen = 18

// CheckPermitNumber accepts exactly 18 characters of 0-9 and A-Z.
func CheckPermitNumber(s string) error {
	const field = "permit_number"
	if len(s) != PermitNumberLen {
		return fieldErr(field, s, ErrLength)
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) && !(s[i] >= 'A' && s[i] <= 'Z') {
			return fieldErr(field, s, ErrCharset)
		}
	}
	return nil
}

// gb11643Weights and gb11643Check implement the GB 11643 MOD 11-2 check used by the
// Foreigner Permanent Residence ID (2023) and by onecard's social security numbers.
var gb11643Weights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const gb11643Check = "10X98765432"

// MOD112Check returns the check character for 17 leading digits.
func MOD112Check(first17 string) (byte, error) {
	if len(first17) != 17 {
		return 0, ErrLength
	}
	sum := 0
	for i := 0; i < 17; i++ {
		if !isDigit(first17[i]) {
			return 0, ErrCharset
		}
		sum += int(first17[i]-'0') * gb11643Weights[i]
	}
	return gb11643Check[sum%11], nil
}

func checkMOD112(field, s string) error {
	if len(s) != 18 {
		return fieldErr(field, s, ErrLength)
	}
	want, err := MOD112Check(s[:17])
	if err != nil {
		return fieldErr(field, s, err)
	}
	if s[17] != want {
		if !isDigit(s[17]) && s[17] != 'X' {
			return fieldErr(field, s, ErrCharset)
		}
		return fieldErr(field, s, ErrCheck)
	}
	return nil
}

// CheckPRID validates a Foreigner Permanent Residence ID (2023 form): 18 characters,
// first digit 9, MOD 11-2 check character.
func CheckPRID(s string) error {
	if err := checkMOD112("pr_id", s); err != nil {
		return err
	}
	if s[0] != '9' {
		return fieldErr("pr_id", s, ErrPrefix)
	}
	return nil
}

// CheckSSN validates a foreigner's social security number in onecard's format: 17 digits
// and a MOD 11-2 check character (the real numbering rule is not public; DESIGN.md s.2).
func CheckSSN(s string) error {
	return checkMOD112("ssn", s)
}

// MakeSSN appends the check character to 17 digits.
func MakeSSN(first17 string) (string, error) {
	c, err := MOD112Check(first17)
	if err != nil {
		return "", fieldErr("ssn", first17, err)
	}
	return first17 + string(c), nil
}

// usccCharset is the GB 32100-2015 alphabet: digits and capitals without I, O, S, V, Z.
const usccCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var usccWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

func usccValue(c byte) int {
	for i := 0; i < len(usccCharset); i++ {
		if usccCharset[i] == c {
			return i
		}
	}
	return -1
}

// USCCCheck returns the GB 32100 check character for the first 17 characters.
func USCCCheck(first17 string) (byte, error) {
	if len(first17) != 17 {
		return 0, ErrLength
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := usccValue(first17[i])
		if v < 0 {
			return 0, ErrCharset
		}
		sum += v * usccWeights[i]
	}
	return usccCharset[(31-sum%31)%31], nil
}

// CheckUSCC validates an employer's unified social credit code (GB 32100).
func CheckUSCC(s string) error {
	const field = "uscc"
	if len(s) != 18 {
		return fieldErr(field, s, ErrLength)
	}
	want, err := USCCCheck(s[:17])
	if err != nil {
		return fieldErr(field, s, err)
	}
	if s[17] != want {
		if usccValue(s[17]) < 0 {
			return fieldErr(field, s, ErrCharset)
		}
		return fieldErr(field, s, ErrCheck)
	}
	return nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

package domain

import (
	"errors"
	"fmt"
	"strings"

	"onecard/identity"
)

// Validation sentinels beyond identity's identifier errors.
var (
	ErrRequired = errors.New("required")
	ErrInvalid  = errors.New("not an allowed value")
	ErrRange    = errors.New("out of range")
)

// invalid returns an error naming the field, so a clerk's message can say which one.
func invalid(field string, value any, err error) error {
	return &identity.FieldError{Field: field, Value: fmt.Sprint(value), Err: err}
}

func required(field, value string) error {
	if strings.TrimSpace(value) == "" {
		return invalid(field, value, ErrRequired)
	}
	return nil
}

func oneOf[T ~string](field string, v T, allowed ...T) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return invalid(field, v, ErrInvalid)
}

// firstErr returns the first non-nil error, so Validate methods read as a list of rules.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// CheckRegion accepts a six-digit administrative division code (GB/T 2260), e.g. 310000.
func CheckRegion(code string) error {
	if len(code) != 6 {
		return invalid("region", code, identity.ErrLength)
	}
	for i := 0; i < len(code); i++ {
		if code[i] < '0' || code[i] > '9' {
			return invalid("region", code, identity.ErrCharset)
		}
	}
	return nil
}

// CheckNationality accepts an ISO 3166-1 alpha-3 code (three capitals).
func CheckNationality(code string) error {
	if len(code) != 3 {
		return invalid("nationality", code, identity.ErrLength)
	}
	for i := 0; i < 3; i++ {
		if code[i] < 'A' || code[i] > 'Z' {
			return invalid("nationality", code, identity.ErrCharset)
		}
	}
	return nil
}

// CheckPassportNumber accepts what an MRZ document-number field can hold: 1 to 20 of
// A-Z and 0-9 (TD1 numbers may overflow past nine characters).
func CheckPassportNumber(n string) error {
	if n == "" || len(n) > 20 {
		return invalid("passport_number", n, identity.ErrLength)
	}
	for i := 0; i < len(n); i++ {
		c := n[i]
		if !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') {
			return invalid("passport_number", n, identity.ErrCharset)
		}
	}
	return nil
}

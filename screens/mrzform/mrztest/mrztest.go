// Package mrztest writes passport MRZs for the screens' tests: the TD3 lines of a
// person's passport, with check digits from identity.MRZCheckDigit, and edits that
// make a document mismatch, expire or misread.
package mrztest

import (
	"strings"
	"testing"

	"onecard/domain"
	"onecard/identity"
)

// Passport is what the MRZ of a TD3 passport prints.
type Passport struct {
	Nationality string // alpha-3; Germany is written D<< as ICAO 9303 prescribes
	Surname     string
	GivenNames  string
	Number      string // at most 9 characters in a TD3
	Sex         domain.Sex
	Birth       domain.Date
	Expiry      domain.Date
}

// Of is the passport the person's record describes.
func Of(p domain.Person) Passport {
	return Passport{Nationality: p.Nationality, Surname: p.Surname, GivenNames: p.GivenNames,
		Number: p.PassportNumber, Sex: p.Sex, Birth: p.BirthDate, Expiry: p.PassportExpiry}
}

func fill(s string, n int) string {
	if len(s) >= n {
		return s[:n]
	}
	return s + strings.Repeat("<", n-len(s))
}

func yymmdd(d domain.Date) string { return d.Time().Format("060102") }

// TD3 returns the two 44-character lines.
func (p Passport) TD3(tb testing.TB) []string {
	tb.Helper()
	if len(p.Number) > 9 {
		tb.Fatalf("passport number %s is longer than a TD3 holds", p.Number)
	}
	cd := func(s string) string {
		c, err := identity.MRZCheckDigit(s)
		if err != nil {
			tb.Fatal(err)
		}
		return string(c)
	}
	nat := p.Nationality
	if nat == "DEU" {
		nat = "D<<"
	}
	sex := string(p.Sex)
	if p.Sex == domain.SexUnspecified {
		sex = "<"
	}
	name := identity.MRZName(p.Surname) + "<<" + identity.MRZName(p.GivenNames)
	l1 := fill("P<"+nat+name, 44)
	num, opt := fill(p.Number, 9), fill("", 14)
	l2 := num + cd(num) + nat + yymmdd(p.Birth) + cd(yymmdd(p.Birth)) + sex + yymmdd(p.Expiry) + cd(yymmdd(p.Expiry)) +
		opt + cd(opt)
	l2 += cd(l2[0:10] + l2[13:20] + l2[21:43])
	return []string{l1, l2}
}

// Set replaces the character at 1-based line and position, as a misreading reader would.
func Set(lines []string, line, position int, c byte) []string {
	out := append([]string(nil), lines...)
	b := []byte(out[line-1])
	b[position-1] = c
	out[line-1] = string(b)
	return out
}

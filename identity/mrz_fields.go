package identity

import (
	"fmt"
	"strings"
	"time"
)

// readerConfusions pairs the letters and digits OCR readers swap most often: O/0, I/1,
// B/8, S/5, Z/2.
const readerConfusions = "O0I1B8S5Z2"

// confusedWith returns the character a reader may have misread c for, or 0.
func confusedWith(c byte) byte {
	i := strings.IndexByte(readerConfusions, c)
	switch {
	case i < 0:
		return 0
	case i%2 == 0:
		return readerConfusions[i+1]
	default:
		return readerConfusions[i-1]
	}
}

// digits reports every letter or filler in a field that must hold digits. fillerOK
// allows '<' (an unknown part of a birth date).
func (p *parser) digits(s span, field string, fillerOK bool) {
	for col := s.start; col < s.end; col++ {
		c := p.lines[s.line][col]
		line, at := s.line+1, col+1
		switch {
		case c >= 'A' && c <= 'Z':
			pr := Problem{Code: ProblemLetterForDigit, Line: line, Position: at, Field: field, Found: string(c),
				Message: fmt.Sprintf("line %d position %d: letter %c where a digit belongs", line, at, c)}
			if g := confusedWith(c); g != 0 {
				pr.Suggest = string(g)
				pr.Message += fmt.Sprintf("; did the reader mean %c?", g)
			}
			p.problem(pr)
		case c == '<' && !fillerOK:
			p.problem(Problem{Code: ProblemFillerForDigit, Line: line, Position: at, Field: field, Found: "<",
				Message: fmt.Sprintf("line %d position %d: filler < where a digit belongs", line, at)})
		}
	}
}

// letters reports every digit in a field that must hold letters and fillers.
func (p *parser) letters(s span, field string) {
	for col := s.start; col < s.end; col++ {
		c := p.lines[s.line][col]
		if c < '0' || c > '9' {
			continue
		}
		line, at := s.line+1, col+1
		pr := Problem{Code: ProblemDigitForLetter, Line: line, Position: at, Field: field, Found: string(c),
			Message: fmt.Sprintf("line %d position %d: digit %c where a letter belongs", line, at, c)}
		if g := confusedWith(c); g != 0 {
			pr.Suggest = string(g)
			pr.Message += fmt.Sprintf("; did the reader mean %c?", g)
		}
		p.problem(pr)
	}
}

// country reads a nationality or issuer field and maps it to the store's alpha-3 code.
func (p *parser) country(s span, field string) (raw, alpha3 string) {
	raw = p.text(s)
	before := len(p.m.Problems)
	p.letters(s, field)
	if len(p.m.Problems) > before || strings.Contains(raw, "?") {
		return raw, ""
	}
	alpha3, ok := MRZCountryAlpha3(raw)
	if !ok {
		p.problem(Problem{Code: ProblemCountry, Line: s.line + 1, Position: s.start + 1, Field: field, Found: raw,
			Message: fmt.Sprintf("line %d position %d: %s %s is not an ICAO 9303 country code", s.line+1, s.start+1, field, raw)})
	}
	return raw, alpha3
}

// sex reads M, F, or '<' for unspecified, which the store writes as X. Some issuers print
// X itself, which ICAO 9303 (8th edition) also allows.
func (p *parser) sex() string {
	c := p.char(p.l.sex)
	switch c {
	case 'M', 'F':
		return string(c)
	case '<', 'X':
		return "X"
	case '?':
		return ""
	}
	line, at := p.l.sex.line+1, p.l.sex.col+1
	p.problem(Problem{Code: ProblemSex, Line: line, Position: at, Field: "sex", Found: string(c),
		Message: fmt.Sprintf("line %d position %d: sex %c is not M, F or <", line, at, c)})
	return ""
}

// name splits the name field into primary and secondary identifiers at the first "<<"
// and notes truncation: ICAO 9303 part 3 cuts a name that does not fit so that its last
// letter fills the field's last position.
func (p *parser) name() {
	s := p.l.name
	field := p.text(s)
	p.letters(s, "name")
	trimmed := strings.TrimRight(field, "<")
	p.m.Name = trimmed
	p.m.NameTruncated = field[len(field)-1] != '<'
	primary, secondary, _ := strings.Cut(trimmed, "<<")
	p.m.Surname = fillersToSpaces(primary)
	p.m.GivenNames = fillersToSpaces(secondary)
	if p.m.Surname == "" {
		p.problem(Problem{Code: ProblemName, Line: s.line + 1, Position: s.start + 1, Field: "name", Found: field,
			Message: fmt.Sprintf("line %d position %d: the name has no primary identifier (surname)", s.line+1, s.start+1)})
	}
}

func fillersToSpaces(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '<' }), " ")
}

// date reads a YYMMDD field. A birth date may be unknown in whole or in part, written with
// fillers for each unknown two-digit part (ICAO 9303 part 3); it then stays unresolved.
func (p *parser) date(s span, field string, birth bool) MRZDate {
	raw := p.text(s)
	d := MRZDate{Raw: raw}
	before := len(p.m.Problems)
	p.digits(s, field, birth)
	if len(p.m.Problems) > before || strings.Contains(raw, "?") {
		return d
	}
	bad := func(why string) MRZDate {
		p.problem(Problem{Code: ProblemDate, Line: s.line + 1, Position: s.start + 1, Field: field, Found: raw,
			Message: fmt.Sprintf("line %d position %d: %s %s %s", s.line+1, s.start+1, field, raw, why)})
		return d
	}
	if strings.Contains(raw, "<") {
		for i := 0; i < 6; i += 2 {
			part := raw[i : i+2]
			if strings.Contains(part, "<") && part != "<<" {
				return bad("mixes digits and fillers within one part")
			}
		}
		if mm := raw[2:4]; mm != "<<" && (num2(mm) < 1 || num2(mm) > 12) {
			return bad("has no such month")
		}
		if dd := raw[4:6]; dd != "<<" && (num2(dd) < 1 || num2(dd) > 31) {
			return bad("has no such day")
		}
		return d
	}
	yy, mm, dd := num2(raw[0:2]), num2(raw[2:4]), num2(raw[4:6])
	t, ok := resolveDate(yy, mm, dd, p.at, birth)
	if !ok {
		return bad("is not a valid date")
	}
	d.Time = t
	d.Date = t.Format("2006-01-02")
	return d
}

func num2(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }

// resolveDate picks the century. A birth date is the latest such day not after at's
// calendar day; an expiry date is the one from 50 years before at to 50 years after.
func resolveDate(yy, mm, dd int, at time.Time, birth bool) (time.Time, bool) {
	ay, am, ad := at.Date()
	today := time.Date(ay, am, ad, 0, 0, 0, 0, time.UTC)
	if birth {
		century := ay / 100 * 100
		for _, century := range [2]int{century, century - 100} {
			if t, ok := civilDay(century+yy, mm, dd); ok && !t.After(today) {
				return t, true
			}
		}
		return time.Time{}, false
	}
	y := ay/100*100 + yy
	switch {
	case y >= ay+50:
		y -= 100
	case y < ay-50:
		y += 100
	}
	return civilDay(y, mm, dd)
}

// civilDay returns midnight UTC of the day, or false when the day does not exist.
func civilDay(y, m, d int) (time.Time, bool) {
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}

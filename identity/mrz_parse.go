package identity

import (
	"fmt"
	"strings"
	"time"
	"unicode"
)

// parser carries one ParseMRZ call: the result being filled, the layout, and the lines
// normalised to capitals with every character outside [A-Z0-9<] replaced by '?' (after
// it has been reported), so positions count characters rather than bytes.
type parser struct {
	at    time.Time
	m     MRZ
	l     layout
	lines []string
}

func (p *parser) run(raw []string) {
	p.m.Checks = []MRZCheck{}
	p.m.Problems = []Problem{}
	for i, l := range raw {
		p.lines = append(p.lines, p.normalise(i, l))
	}
	if len(p.lines) != 2 && len(p.lines) != 3 {
		p.problem(Problem{Code: ProblemLines, Found: fmt.Sprint(len(p.lines)),
			Message: fmt.Sprintf("%d lines read; an MRZ has 2 (TD2, TD3) or 3 (TD1)", len(p.lines))})
		return
	}
	p.l = layoutFor(guessFormat(p.lines))
	p.m.Format = p.l.format
	if !p.lengthsOK() {
		return
	}
	p.header()
	p.documentNumber()
	p.m.Nationality, p.m.NationalityAlpha3 = p.country(p.l.nationality, "nationality")
	p.m.BirthDate = p.date(p.l.birth, "birth_date", true)
	p.m.Sex = p.sex()
	p.m.ExpiryDate = p.date(p.l.expiry, "expiry_date", false)
	if p.l.optional2 != nil {
		p.m.OptionalData2 = strings.Trim(p.text(*p.l.optional2), "<")
	}
	p.name()
	p.check("birth_date", p.text(p.l.birth), p.l.birthCheck, false)
	p.check("expiry_date", p.text(p.l.expiry), p.l.expiryCheck, false)
	if p.l.optionalCheck != nil {
		p.check("optional_data", p.text(p.l.optional), *p.l.optionalCheck, true)
	}
	var composite strings.Builder
	for _, s := range p.l.composite {
		composite.WriteString(p.text(s))
	}
	p.check("composite", composite.String(), p.l.compositeCheck, false)
	p.m.Valid = len(p.m.Problems) == 0 && p.checksOK()
}

// normalise reports lowercase letters (once per line) and characters outside the MRZ
// alphabet, and returns the line in capitals with those characters as '?'.
func (p *parser) normalise(i int, line string) string {
	var b strings.Builder
	lower := 0
	col := 0
	for _, r := range line {
		col++
		switch {
		case r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '<':
			b.WriteRune(r)
		case r >= 'a' && r <= 'z':
			if lower == 0 {
				p.problem(Problem{Code: ProblemLowercase, Line: i + 1, Position: col, Found: string(r),
					Message: fmt.Sprintf("line %d position %d: lowercase letter %c; the MRZ uses capitals only", i+1, col, r)})
			}
			lower++
			b.WriteRune(unicode.ToUpper(r))
		default:
			p.problem(Problem{Code: ProblemCharset, Line: i + 1, Position: col, Found: string(r),
				Message: fmt.Sprintf("line %d position %d: character %q is not allowed (only A-Z, 0-9 and <)", i+1, col, r)})
			b.WriteByte('?')
		}
	}
	return b.String()
}

func (p *parser) lengthsOK() bool {
	ok := true
	for i, l := range p.lines {
		if len(l) != p.l.width {
			ok = false
			p.problem(Problem{Code: ProblemLength, Line: i + 1, Found: fmt.Sprint(len(l)),
				Message: fmt.Sprintf("line %d has %d characters; %s lines have %d", i+1, len(l), p.l.format, p.l.width)})
		}
	}
	return ok
}

func (p *parser) problem(pr Problem) { p.m.Problems = append(p.m.Problems, pr) }

func (p *parser) text(s span) string { return p.lines[s.line][s.start:s.end] }

func (p *parser) char(at pos) byte { return p.lines[at.line][at.col] }

func (p *parser) checksOK() bool {
	want := 4
	if p.l.optionalCheck != nil {
		want = 5
	}
	if len(p.m.Checks) != want {
		return false
	}
	for _, c := range p.m.Checks {
		if !c.OK {
			return false
		}
	}
	return true
}

// header reads the document code and the issuing state of line 1.
func (p *parser) header() {
	code := p.text(span{0, 0, 2})
	p.letters(span{0, 0, 2}, "document_code")
	if !strings.Contains(p.l.docCodes, code[:1]) && code[0] != '?' {
		p.problem(Problem{Code: ProblemDocumentCode, Line: 1, Position: 1, Field: "document_code", Found: code[:1],
			Message: fmt.Sprintf("line 1 position 1: document code %c does not start a %s document (allowed: %s)",
				code[0], p.l.format, strings.Join(strings.Split(p.l.docCodes, ""), ", "))})
	}
	p.m.DocumentCode = strings.TrimRight(code, "<")
	p.m.Issuer, p.m.IssuerAlpha3 = p.country(p.l.issuer, "issuer")
}

// documentNumber reads the document number, following it into the optional data when it
// is longer than its nine positions, and checks its check digit.
func (p *parser) documentNumber() {
	l := p.l
	data := p.text(l.docNumber)
	checkAt := l.docCheck
	optional := l.optional
	if l.overflow && p.char(l.docCheck) == '<' && !strings.Contains(data, "<") {
		rest := p.text(l.optional)
		ext := rest
		if i := strings.IndexByte(rest, '<'); i >= 0 {
			ext = rest[:i]
		}
		// A continuation needs at least one character and its check digit; without one
		// the filler stays in the check-digit position and is reported there.
		if len(ext) >= 2 {
			data += ext[:len(ext)-1]
			checkAt = pos{optional.line, optional.start + len(ext) - 1}
			optional.start += len(ext)
		}
	}
	number := strings.TrimRight(data, "<")
	if number == "" {
		p.problem(Problem{Code: ProblemDocumentNumber, Line: l.docNumber.line + 1, Position: l.docNumber.start + 1, Field: "document_number",
			Message: fmt.Sprintf("line %d position %d: the document number is empty", l.docNumber.line+1, l.docNumber.start+1)})
	} else if i := strings.IndexByte(number, '<'); i >= 0 {
		p.problem(Problem{Code: ProblemDocumentNumber, Line: l.docNumber.line + 1, Position: l.docNumber.start + i + 1, Field: "document_number",
			Message: fmt.Sprintf("line %d position %d: filler inside the document number", l.docNumber.line+1, l.docNumber.start+i+1)})
	}
	p.m.DocumentNumber = number
	p.check("document_number", data, checkAt, false)
	p.m.OptionalData = strings.Trim(p.text(optional), "<")
}

// check records one check digit. fillerOK allows '<' for an optional field that is all
// fillers, as ICAO 9303 part 4 permits for an unused personal number.
func (p *parser) check(name, data string, at pos, fillerOK bool) {
	found := p.char(at)
	c := MRZCheck{Name: name, Expected: "?", Found: string(found)}
	if d, err := MRZCheckDigit(data); err == nil {
		c.Expected = string(d)
	}
	c.OK = c.Expected != "?" && c.Found == c.Expected
	empty := strings.Trim(data, "<") == ""
	if fillerOK && empty && found == '<' {
		c.OK = true
	} else {
		p.digits(span{at.line, at.col, at.col + 1}, name+"_check", false)
	}
	p.m.Checks = append(p.m.Checks, c)
}

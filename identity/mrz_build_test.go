package identity

import "strings"

// This file builds MRZ text for tests with its own check-digit code, so the parser's
// arithmetic is checked against an independent implementation.

func testCheckDigit(s string) string {
	const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	weights := []int{7, 3, 1}
	sum := 0
	for i, c := range s {
		if c != '<' {
			sum += strings.IndexRune(alphabet, c) * weights[i%3]
		}
	}
	return string(rune('0' + sum%10))
}

func pad(s string, n int) string {
	if len(s) >= n {
		return s
	}
	return s + strings.Repeat("<", n-len(s))
}

// testDoc holds MRZ field values as printed (names with '<', dates YYMMDD).
type testDoc struct {
	code, issuer, name, number, nat, dob, sex, exp, opt, opt2 string
}

func specimen() testDoc {
	return testDoc{code: "P<", issuer: "UTO", name: "ERIKSSON<<ANNA<MARIA", number: "L898902C3", nat: "UTO",
		dob: "740812", sex: "F", exp: "120415", opt: "ZE184226B"}
}

// numberField writes a document number and its check digit into the nine-character field
// and, for a longer number, into the optional data that follows (ICAO 9303 parts 5, 6).
func (d testDoc) numberField(optLen int) (field, optional string) {
	if len(d.number) <= 9 {
		n := pad(d.number, 9)
		return n + testCheckDigit(n), pad(d.opt, optLen)
	}
	return d.number[:9] + "<", pad(d.number[9:]+testCheckDigit(d.number)+"<"+d.opt, optLen)
}

func (d testDoc) td3() string {
	num := pad(d.number, 9)
	opt := pad(d.opt, 14)
	l2 := num + testCheckDigit(num) + d.nat + d.dob + testCheckDigit(d.dob) + d.sex + d.exp + testCheckDigit(d.exp) +
		opt + testCheckDigit(opt)
	l2 += testCheckDigit(l2[0:10] + l2[13:20] + l2[21:43])
	return pad(d.code+d.issuer+d.name, 44) + "\n" + l2
}

func (d testDoc) td2() string {
	num, opt := d.numberField(7)
	l2 := num + d.nat + d.dob + testCheckDigit(d.dob) + d.sex + d.exp + testCheckDigit(d.exp) + opt
	l2 += testCheckDigit(l2[0:10] + l2[13:20] + l2[21:35])
	return pad(d.code+d.issuer+d.name, 36) + "\n" + l2
}

func (d testDoc) td1() string {
	num, opt := d.numberField(15)
	l1 := d.code + d.issuer + num + opt
	l2 := d.dob + testCheckDigit(d.dob) + d.sex + d.exp + testCheckDigit(d.exp) + d.nat + pad(d.opt2, 11)
	l2 += testCheckDigit(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
	return l1 + "\n" + l2 + "\n" + pad(d.name, 30)
}

// setChar replaces the character at 1-based line and position.
func setChar(text string, line, position int, c byte) string {
	lines := strings.Split(text, "\n")
	b := []byte(lines[line-1])
	b[position-1] = c
	lines[line-1] = string(b)
	return strings.Join(lines, "\n")
}

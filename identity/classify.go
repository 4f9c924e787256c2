package identity

import (
	"strings"
	"unicode"
)

// QueryKind is what a search text can be taken for.
type QueryKind string

const (
	QueryPermit   QueryKind = "permit"
	QuerySSN      QueryKind = "ssn"
	QueryPRID     QueryKind = "pr_id"
	QueryPassport QueryKind = "passport"
	QueryName     QueryKind = "name"
)

// Query is a search text as the counter typed or scanned it, read for lookup.
type Query struct {
	Text        string      // the identifier in canonical form (upper case, no spaces), or the name as typed
	Nationality string      // set when a passport number was prefixed with its alpha-3 country
	Kinds       []QueryKind // every kind it could be, most specific first
}

// ClassifyQuery reads one search field. An 18-character code may be an SSN, a PR ID and a
// permit number at once (they share a shape), so every fitting kind is listed and the
// lookup tries each; text that fits no identifier is a name.
func ClassifyQuery(s string) Query {
	s = strings.TrimSpace(s)
	compact := strings.ToUpper(strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '-'
	}), ""))
	q := Query{Text: compact}
	if len(compact) == 18 {
		if CheckSSN(compact) == nil {
			q.Kinds = append(q.Kinds, QuerySSN)
		}
		if CheckPRID(compact) == nil {
			q.Kinds = append(q.Kinds, QueryPRID)
		}
		if CheckPermitNumber(compact) == nil {
			q.Kinds = append(q.Kinds, QueryPermit)
		}
	}
	// A country prefix is read only when no 18-character identifier fits: "ABC
	// 123456789012345" is a permit number typed with a space, to be looked up whole.
	if nat, num, ok := passportWithCountry(s); ok && len(q.Kinds) == 0 {
		q.Nationality, q.Text = nat, num
		q.Kinds = append(q.Kinds, QueryPassport)
		return q
	}
	if looksLikeDocumentNumber(compact) {
		q.Kinds = append(q.Kinds, QueryPassport)
	}
	if len(q.Kinds) == 0 {
		return Query{Text: s, Kinds: []QueryKind{QueryName}}
	}
	return q
}

// passportWithCountry reads "DEU C01X00T47", "DEU:C01X00T47" or "DEU-C01X00T47".
func passportWithCountry(s string) (nat, num string, ok bool) {
	i := strings.IndexAny(s, " :-/")
	if i != 3 {
		return "", "", false
	}
	// The country is checked byte by byte before upper-casing: ToUpper may shorten
	// non-ASCII text ("ſa" becomes "SA").
	for j := 0; j < 3; j++ {
		if c := s[j] | 0x20; c < 'a' || c > 'z' {
			return "", "", false
		}
	}
	nat = strings.ToUpper(s[:3])
	num = strings.ToUpper(strings.TrimSpace(s[4:]))
	return nat, num, looksLikeDocumentNumber(num)
}

// looksLikeDocumentNumber: 5 to 20 of A-Z and 0-9 with at least one digit (a name has none).
func looksLikeDocumentNumber(s string) bool {
	if len(s) < 5 || len(s) > 20 {
		return false
	}
	digits := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c >= 'A' && c <= 'Z':
		default:
			return false
		}
	}
	return digits > 0
}

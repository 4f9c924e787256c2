package identity

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// NameOutcome says how a recorded name relates to the name in an MRZ.
type NameOutcome string

const (
	NameExact           NameOutcome = "exact"           // the ICAO transliteration, letter for letter
	NameTransliteration NameOutcome = "transliteration" // equal once diacritics are simply dropped (Ü -> U)
	NameTruncated       NameOutcome = "truncated"       // the MRZ field is full and holds a prefix of the name
	NameMismatch        NameOutcome = "mismatch"
)

// Matches reports whether the outcome accepts the name.
func (o NameOutcome) Matches() bool { return o != NameMismatch && o != "" }

// NameMatch is the result of MatchName: the recorded name in ICAO MRZ form and the MRZ's.
type NameMatch struct {
	Outcome  NameOutcome `json:"outcome"`
	Expected string      `json:"expected"`
	Found    string      `json:"found"`
}

// MatchName compares a recorded name (natural form: "Müller-Lüdenscheidt", "Hans Peter")
// with an MRZ name field ("MUELLER<LUEDENSCHEIDT<<HANS<PETER", trailing fillers optional).
// Issuers that drop diacritics instead of following the ICAO table (MULLER for Müller)
// are accepted as a transliteration variant, surname and given names each either way.
// A prefix is accepted only when truncated says the MRZ field was full, because ICAO
// 9303 part 3 truncates only names that do not fit. Several given names must all be
// present, in order.
func MatchName(surname, givenNames, mrzName string, truncated bool) NameMatch {
	found := strings.TrimRight(mrzName, "<")
	exact := fullMRZName(MRZName(surname), MRZName(givenNames))
	res := NameMatch{Outcome: NameMismatch, Expected: exact, Found: found}
	if found == exact {
		res.Outcome = NameExact
		return res
	}
	var variants []string
	for _, s := range [2]string{MRZName(surname), simpleMRZName(surname)} {
		for _, g := range [2]string{MRZName(givenNames), simpleMRZName(givenNames)} {
			variants = append(variants, fullMRZName(s, g))
		}
	}
	for _, v := range variants {
		if found == v {
			res.Outcome = NameTransliteration
			return res
		}
	}
	if truncated && found != "" {
		for _, v := range variants {
			if strings.HasPrefix(v, found) {
				res.Outcome = NameTruncated
				return res
			}
		}
	}
	return res
}

// fullMRZName joins the identifiers as the MRZ does: primary, "<<", secondary.
func fullMRZName(primary, secondary string) string {
	if secondary == "" {
		return primary
	}
	return primary + "<<" + secondary
}

// simpleMRZName is MRZName for issuers that drop diacritics rather than transliterate:
// Ü -> U, Å -> A, Ø -> O. Letters with no base letter to fall back to (ß, Æ, Þ) keep
// their ICAO spelling, since that is the only Latin spelling they have.
func simpleMRZName(s string) string {
	var b strings.Builder
	for _, r := range norm.NFC.String(s) {
		up := unicode.ToUpper(r)
		switch {
		case up >= 'A' && up <= 'Z':
			b.WriteRune(up)
		case up == ' ' || up == '-' || up == '<':
			b.WriteByte('<')
		case up == 'Ø':
			b.WriteByte('O')
		default:
			base := stripMarks(up)
			if t, ok := icaoTransliteration[up]; ok && base == "" {
				base = t
			}
			b.WriteString(base)
		}
	}
	return strings.Trim(collapseFillers(b.String()), "<")
}

package identity

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// icaoTransliteration is ICAO 9303 Part 3 section 6's table for Latin letters that do
// not simply lose their diacritic in the MRZ (Müller -> MUELLER, Ørsted -> OERSTED).
var icaoTransliteration = map[rune]string{
	'Ä': "AE", 'Å': "AA", 'Æ': "AE", 'Ö': "OE", 'Ø': "OE", 'Ü': "UE", 'ß': "SS",
	'Þ': "TH", 'Ĳ': "IJ", 'Œ': "OE", 'Ð': "D", 'Đ': "D", 'Ħ': "H", 'Ł': "L", 'Ŀ': "L",
	'ı': "I", 'Ŧ': "T", 'Ŋ': "N", 'ĸ': "K",
}

// plainFold spells letters that have no decomposition the way people type them without
// the special key (Ørsted -> orsted), beside the ICAO form (oersted).
var plainFold = map[rune]string{'Ø': "o", 'Æ': "ae", 'Œ': "oe", 'Þ': "th", 'Ĳ': "ij"}

// MRZName writes a name the way the MRZ does: capitals A-Z, diacritics transliterated by
// the ICAO table or dropped, apostrophes removed, and hyphens and spaces as '<'.
func MRZName(s string) string {
	var b strings.Builder
	for _, r := range norm.NFC.String(s) {
		up := unicode.ToUpper(r)
		if t, ok := icaoTransliteration[up]; ok {
			b.WriteString(t)
			continue
		}
		switch {
		case up >= 'A' && up <= 'Z':
			b.WriteRune(up)
		case up == ' ' || up == '-' || up == '<':
			b.WriteByte('<')
		default:
			b.WriteString(stripMarks(up))
		}
	}
	return strings.Trim(collapseFillers(b.String()), "<")
}

// stripMarks drops combining marks (É -> E) and keeps only A-Z from what remains, so
// apostrophes and other punctuation vanish as ICAO 9303 prescribes.
func stripMarks(r rune) string {
	var b strings.Builder
	for _, d := range norm.NFD.String(string(r)) {
		if d >= 'A' && d <= 'Z' {
			b.WriteRune(d)
		}
	}
	return b.String()
}

func collapseFillers(s string) string {
	for strings.Contains(s, "<<") {
		s = strings.ReplaceAll(s, "<<", "<")
	}
	return s
}

// SearchTerms splits a name or a typed query into terms, each a set of alternative
// spellings of which one must match: a Latin word in plain folded form (müller -> muller)
// and, where it differs, in its ICAO form (mueller), lower case; each Han character of a
// Chinese name on its own, so any part of it can be searched.
func SearchTerms(name string) [][]string {
	var out [][]string
	for _, word := range splitWords(name) {
		if isHan(word) {
			for _, r := range word {
				out = append(out, []string{string(r)})
			}
			continue
		}
		plain := FoldWord(word)
		icao := strings.ToLower(strings.ReplaceAll(MRZName(word), "<", ""))
		switch {
		case plain == "" && icao == "":
		case plain == icao || icao == "":
			out = append(out, []string{plain})
		case plain == "":
			out = append(out, []string{icao})
		default:
			out = append(out, []string{plain, icao})
		}
	}
	return out
}

// SearchTokens returns every spelling a name is indexed under: the terms of
// SearchTerms, flattened and without repeats.
func SearchTokens(name string) []string {
	var out []string
	seen := map[string]bool{}
	for _, term := range SearchTerms(name) {
		for _, t := range term {
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	return out
}

// FoldWord lower-cases a word and drops diacritics and punctuation: "O'Brien" -> "obrien".
func FoldWord(word string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(word) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'ß':
			b.WriteString("ss")
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			up := unicode.ToUpper(r)
			if t, ok := plainFold[up]; ok {
				b.WriteString(t)
				continue
			}
			if t, ok := icaoTransliteration[up]; ok && len(t) == 1 {
				r = rune(t[0]) // ł -> l, đ -> d: letters with no decomposition
			}
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// splitWords cuts a name at spaces, hyphens, commas, MRZ fillers and the boundary
// between Han and other characters.
func splitWords(s string) []string {
	return strings.FieldsFunc(norm.NFC.String(s), func(r rune) bool {
		return unicode.IsSpace(r) || r == '-' || r == ',' || r == '<' || r == '·' || r == '.'
	})
}

func isHan(word string) bool {
	for _, r := range word {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return word != ""
}

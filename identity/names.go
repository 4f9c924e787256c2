package identity

import (
	"bytes"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

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
	forEachTerm(name, func(term []string) { out = append(out, term) })
	return out
}

// AppendSearchTokens appends to dst every spelling names are indexed under (a
// person's surname, given names and Chinese name), separated by spaces and without
// repeats: the terms of SearchTerms, flattened. A bulk load computes it for every person
// it writes, so it appends to a buffer instead of gathering and joining strings.
func AppendSearchTokens(dst []byte, names ...string) []byte {
	start := len(dst)
	add := func(term []string) {
		for _, t := range term {
			if hasToken(dst[start:], t) {
				continue
			}
			if len(dst) > start {
				dst = append(dst, ' ')
			}
			dst = append(dst, t...)
		}
	}
	for _, name := range names {
		forEachTerm(name, add)
	}
	return dst
}

// hasToken reports whether tok is one of the space-separated tokens of list.
func hasToken(list []byte, tok string) bool {
	for len(list) > 0 {
		t := list
		if i := bytes.IndexByte(list, ' '); i >= 0 {
			t, list = list[:i], list[i+1:]
		} else {
			list = nil
		}
		if string(t) == tok {
			return true
		}
	}
	return false
}

// forEachTerm calls fn with SearchTerms' terms one by one. A name is indexed for every
// person a bulk load writes, so the words are not gathered first, and a Latin word's
// spellings come from the memo: fn must not change them.
func forEachTerm(name string, fn func(term []string)) {
	s := name
	if !isASCII(name) { // most names: NFC leaves ASCII as it is
		s = norm.NFC.String(name)
	}
	start := -1
	for i, r := range s {
		switch {
		case !isWordSeparator(r):
			if start < 0 {
				start = i
			}
		case start >= 0:
			wordTerms(s[start:i], fn)
			start = -1
		}
	}
	if start >= 0 {
		wordTerms(s[start:], fn)
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isWordSeparator cuts names into words: spaces, hyphens, commas, MRZ fillers, middle
// dots and full stops.
func isWordSeparator(r rune) bool {
	return unicode.IsSpace(r) || r == '-' || r == ',' || r == '<' || r == '·' || r == '.'
}

// wordTerms calls fn with one word's terms: each character of a Han word, or a Latin
// word's spellings.
func wordTerms(word string, fn func(term []string)) {
	if !isHan(word) {
		if sp := spellings.get(word); len(sp) > 0 {
			fn(sp)
		}
		return
	}
	for _, r := range word {
		fn([]string{string(r)})
	}
}

// wordSpellings is a Latin word's alternative spellings for search (SearchTerms).
func wordSpellings(word string) []string {
	plain := FoldWord(word)
	icao := strings.ToLower(strings.ReplaceAll(MRZName(word), "<", ""))
	switch {
	case plain == "" && icao == "":
		return nil
	case plain == icao || icao == "":
		return []string{plain}
	case plain == "":
		return []string{icao}
	}
	return []string{plain, icao}
}

// spellings remembers wordSpellings of recent words. Folding and transliterating a word
// (Unicode normalisation, two table walks) was most of the cost of indexing a person's
// names in a bulk load, and the words of names repeat far more than whole names do. The
// function is pure, so a remembered result is always the one it would compute; callers
// only read the slices it returns.
var spellings = &wordMemo{max: 1 << 16}

type wordMemo struct {
	mu  sync.Mutex
	max int
	m   map[string][]string
}

func (c *wordMemo) get(word string) []string {
	c.mu.Lock()
	sp, ok := c.m[word]
	c.mu.Unlock()
	if ok {
		return sp
	}
	sp = wordSpellings(word)
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= c.max || c.m == nil {
		c.m = make(map[string][]string, c.max) // full: start again rather than track age
	}
	c.m[strings.Clone(word)] = sp // word may share a long string's memory
	return sp
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

func isHan(word string) bool {
	for _, r := range word {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return word != ""
}

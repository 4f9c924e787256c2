package identity

// Format names the three ICAO 9303 machine-readable travel document sizes.
type Format string

const (
	TD1 Format = "TD1" // ID card, 3 lines of 30
	TD2 Format = "TD2" // ID card, 2 lines of 36
	TD3 Format = "TD3" // passport booklet, 2 lines of 44
)

// pos is one character of the MRZ: 0-based line and column.
type pos struct{ line, col int }

// span is a field: 0-based line, columns [start, end).
type span struct{ line, start, end int }

// layout is where ICAO 9303 parts 4, 5 and 6 put each field for one format.
type layout struct {
	format      Format
	lines       int
	width       int
	docCodes    string // allowed first characters of the document code
	issuer      span
	name        span
	docNumber   span
	docCheck    pos
	nationality span
	birth       span
	birthCheck  pos
	sex         pos
	expiry      span
	expiryCheck pos
	optional    span // TD3 personal number; TD1/TD2 optional data after the document number
	// optionalCheck exists only in TD3, whose personal number has its own check digit.
	optionalCheck  *pos
	optional2      *span // TD1 line 2 optional data
	composite      []span
	compositeCheck pos
	// overflow: a document number longer than nine characters continues in the optional
	// data that follows its check-digit position, which then holds '<' (parts 5 and 6).
	overflow bool
}

// layoutFor returns the field positions of a format. It builds the value on each call so
// that no package-level table can be modified.
func layoutFor(f Format) layout {
	switch f {
	case TD1:
		return layout{
			format: TD1, lines: 3, width: 30, docCodes: "ACI",
			issuer: span{0, 2, 5}, docNumber: span{0, 5, 14}, docCheck: pos{0, 14},
			optional: span{0, 15, 30},
			birth:    span{1, 0, 6}, birthCheck: pos{1, 6}, sex: pos{1, 7},
			expiry: span{1, 8, 14}, expiryCheck: pos{1, 14}, nationality: span{1, 15, 18},
			optional2: &span{1, 18, 29},
			composite: []span{{0, 5, 30}, {1, 0, 7}, {1, 8, 15}, {1, 18, 29}}, compositeCheck: pos{1, 29},
			name:     span{2, 0, 30},
			overflow: true,
		}
	case TD2:
		return layout{
			format: TD2, lines: 2, width: 36, docCodes: "ACI",
			issuer: span{0, 2, 5}, name: span{0, 5, 36},
			docNumber: span{1, 0, 9}, docCheck: pos{1, 9}, nationality: span{1, 10, 13},
			birth: span{1, 13, 19}, birthCheck: pos{1, 19}, sex: pos{1, 20},
			expiry: span{1, 21, 27}, expiryCheck: pos{1, 27}, optional: span{1, 28, 35},
			composite: []span{{1, 0, 10}, {1, 13, 20}, {1, 21, 35}}, compositeCheck: pos{1, 35},
			overflow: true,
		}
	default:
		return layout{
			format: TD3, lines: 2, width: 44, docCodes: "P",
			issuer: span{0, 2, 5}, name: span{0, 5, 44},
			docNumber: span{1, 0, 9}, docCheck: pos{1, 9}, nationality: span{1, 10, 13},
			birth: span{1, 13, 19}, birthCheck: pos{1, 19}, sex: pos{1, 20},
			expiry: span{1, 21, 27}, expiryCheck: pos{1, 27}, optional: span{1, 28, 42},
			optionalCheck: &pos{1, 42},
			composite:     []span{{1, 0, 10}, {1, 13, 20}, {1, 21, 43}}, compositeCheck: pos{1, 43},
		}
	}
}

// guessFormat picks the format the lines were most likely meant to be, so that a wrong
// length can be reported against the right expectation.
func guessFormat(lines []string) Format {
	if len(lines) >= 3 {
		return TD1
	}
	longest := 0
	for _, l := range lines {
		longest = max(longest, len(l))
	}
	if longest >= 40 {
		return TD3
	}
	return TD2
}

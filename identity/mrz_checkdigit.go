package identity

// mrzValue is a character's value in the ICAO 9303 check-digit sum: digits are
// themselves, A-Z are 10-35 and the filler '<' is 0.
func mrzValue(c byte) (int, bool) {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0'), true
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10, true
	case c == '<':
		return 0, true
	}
	return 0, false
}

// MRZCheckDigit returns the ICAO 9303 check digit of s: weights 7, 3, 1 repeating,
// sum mod 10. It fails with ErrCharset when s holds a character outside [0-9A-Z<].
func MRZCheckDigit(s string) (byte, error) {
	weights := [3]int{7, 3, 1}
	sum := 0
	for i := 0; i < len(s); i++ {
		v, ok := mrzValue(s[i])
		if !ok {
			return 0, fieldErr("mrz", s, ErrCharset)
		}
		sum += v * weights[i%3]
	}
	return byte('0' + sum%10), nil
}

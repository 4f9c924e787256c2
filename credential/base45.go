package credential

import (
	"errors"
	"fmt"
)

// base45Alphabet is RFC 9285's table; it is exactly the QR alphanumeric character set,
// which is why the payload fits alphanumeric mode.
const base45Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"

// ErrBase45 marks text that is not valid Base45 (RFC 9285 section 4.2).
var ErrBase45 = errors.New("invalid base45")

// Base45Encode encodes b as RFC 9285 Base45: each pair of bytes becomes three
// characters, a trailing single byte two.
func Base45Encode(b []byte) string {
	out := make([]byte, 0, len(b)/2*3+2)
	for i := 0; i+1 < len(b); i += 2 {
		n := int(b[i])<<8 | int(b[i+1])
		out = append(out, base45Alphabet[n%45], base45Alphabet[n/45%45], base45Alphabet[n/2025])
	}
	if len(b)%2 == 1 {
		n := int(b[len(b)-1])
		out = append(out, base45Alphabet[n%45], base45Alphabet[n/45])
	}
	return string(out)
}

// Base45Decode decodes RFC 9285 Base45. It rejects characters outside the alphabet, a
// length of 1 modulo 3, and groups whose value does not fit their byte count (a triple
// above 65535, a pair above 255), so every accepted text has exactly one encoding.
func Base45Decode(s string) ([]byte, error) {
	if len(s)%3 == 1 {
		return nil, fmt.Errorf("%w: length %d", ErrBase45, len(s))
	}
	out := make([]byte, 0, len(s)/3*2+1)
	for i := 0; i < len(s); i += 3 {
		end := min(i+3, len(s))
		n := 0
		for j := end - 1; j >= i; j-- {
			v := base45Value(s[j])
			if v < 0 {
				return nil, fmt.Errorf("%w: character %q at %d", ErrBase45, s[j], j)
			}
			n = n*45 + v
		}
		if end-i == 3 {
			if n > 0xFFFF {
				return nil, fmt.Errorf("%w: group %q at %d exceeds 65535", ErrBase45, s[i:end], i)
			}
			out = append(out, byte(n>>8), byte(n))
			continue
		}
		if n > 0xFF {
			return nil, fmt.Errorf("%w: group %q at %d exceeds 255", ErrBase45, s[i:end], i)
		}
		out = append(out, byte(n))
	}
	return out, nil
}

func base45Value(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10
	}
	switch c {
	case ' ':
		return 36
	case '$':
		return 37
	case '%':
		return 38
	case '*':
		return 39
	case '+':
		return 40
	case '-':
		return 41
	case '.':
		return 42
	case '/':
		return 43
	case ':':
		return 44
	}
	return -1
}

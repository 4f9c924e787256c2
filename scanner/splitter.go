package scanner

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Terminator is how a serial scanner ends each code.
type Terminator int

const (
	TermCR   Terminator = iota // "\r", the factory default of most scanners
	TermLF                     // "\n"
	TermCRLF                   // "\r\n"
	TermNone                   // no suffix: a pause (the idle timeout) ends the code
)

// ParseTerminator reads "cr", "lf", "crlf" or "none".
func ParseTerminator(s string) (Terminator, error) {
	switch strings.ToLower(s) {
	case "cr":
		return TermCR, nil
	case "lf":
		return TermLF, nil
	case "crlf":
		return TermCRLF, nil
	case "none":
		return TermNone, nil
	}
	return 0, fmt.Errorf("terminator %q: want cr, lf, crlf or none", s)
}

// ErrInvalidUTF8 marks a scanned code whose bytes are not UTF-8 (a scanner set to
// GBK output, or line noise); the raw bytes are kept in the event's Payload.
var ErrInvalidUTF8 = errors.New("scanned bytes are not valid UTF-8")

// ErrCodeTooLong marks input that ran past maxCodeBytes without a terminator.
var ErrCodeTooLong = errors.New("scanned code too long")

// maxCodeBytes exceeds the largest QR code (2953 bytes) with room for prefixes, and
// bounds what a babbling device can make us buffer.
const maxCodeBytes = 8192

// scanned is one code cut from a byte stream, or the error that stands for it.
type scanned struct {
	text string
	err  error
}

// splitter cuts a serial byte stream into codes. It is pure, so it can be fuzzed.
type splitter struct {
	term Terminator
	buf  []byte
	// lastCR is set when the previous byte of a CRLF stream was a CR, which may be
	// followed by LF in the next read.
	lastCR bool
}

// feed consumes bytes and returns the codes they complete.
func (s *splitter) feed(p []byte) []scanned {
	var out []scanned
	for _, b := range p {
		switch {
		case s.term == TermCR && b == '\r', s.term == TermLF && b == '\n':
			out = s.emit(out)
			continue
		case s.term == TermCRLF && b == '\n' && s.lastCR:
			s.buf = s.buf[:len(s.buf)-1]
			s.lastCR = false
			out = s.emit(out)
			continue
		}
		s.lastCR = s.term == TermCRLF && b == '\r'
		if len(s.buf) >= maxCodeBytes {
			out = append(out, scanned{text: string(s.buf), err: ErrCodeTooLong})
			s.buf = s.buf[:0]
		}
		s.buf = append(s.buf, b)
	}
	return out
}

// idle is called after the line has been quiet for the idle timeout. With no
// terminator it ends the code; otherwise it discards nothing and returns nothing, since
// a slow link may pause mid-code.
func (s *splitter) idle() []scanned {
	if s.term != TermNone {
		return nil
	}
	return s.emit(nil)
}

func (s *splitter) emit(out []scanned) []scanned {
	if len(s.buf) == 0 {
		return out
	}
	c := scanned{text: string(s.buf)}
	if !utf8.Valid(s.buf) {
		c.err = ErrInvalidUTF8
	}
	s.buf = s.buf[:0]
	s.lastCR = false
	return append(out, c)
}

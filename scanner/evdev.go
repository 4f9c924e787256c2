package scanner

import (
	"encoding/binary"
	"errors"
	"strings"
)

// Linux input-event constants (linux/input-event-codes.h).
const (
	evKey        = 0x01
	keyEnter     = 28
	keyKPEnter   = 96
	keyLeftShift = 42
	keyRightShft = 54
	keyRelease   = 0
	keyPress     = 1
)

// inputEventSize is sizeof(struct input_event) on 64-bit Linux: a 16-byte timeval, then
// type (u16), code (u16) and value (s32). 32-bit kernels use an 8-byte timeval.
const inputEventSize = 24

// ErrShortEvent reports a read that did not hold whole input_event records.
var ErrShortEvent = errors.New("partial input_event")

// inputEvent is the part of struct input_event the scanner needs.
type inputEvent struct {
	typ   uint16
	code  uint16
	value int32
}

// parseInputEvents decodes whole input_event records from b (native byte order, which
// is little-endian on every platform we run on).
func parseInputEvents(b []byte) ([]inputEvent, error) {
	if len(b)%inputEventSize != 0 {
		return nil, ErrShortEvent
	}
	evs := make([]inputEvent, 0, len(b)/inputEventSize)
	for off := 0; off < len(b); off += inputEventSize {
		r := b[off+16 : off+inputEventSize]
		evs = append(evs, inputEvent{
			typ:   binary.LittleEndian.Uint16(r[0:2]),
			code:  binary.LittleEndian.Uint16(r[2:4]),
			value: int32(binary.LittleEndian.Uint32(r[4:8])),
		})
	}
	return evs, nil
}

// keyRunes maps US-layout key codes to their unshifted and shifted characters; scanners
// present themselves as US keyboards.
func keyRunes(code uint16) (plain, shifted rune, ok bool) {
	const (
		row1 = "1234567890-=" // codes 2-13
		row2 = "qwertyuiop[]" // codes 16-27
		row3 = "asdfghjkl;'`" // codes 30-41
		row4 = "zxcvbnm,./"   // codes 44-53
		sh1  = "!@#$%^&*()_+"
		sh2  = "QWERTYUIOP{}"
		sh3  = "ASDFGHJKL:\"~"
		sh4  = "ZXCVBNM<>?"
	)
	pick := func(plainRow, shiftRow string, i int) (rune, rune, bool) {
		return rune(plainRow[i]), rune(shiftRow[i]), true
	}
	switch {
	case code >= 2 && code <= 13:
		return pick(row1, sh1, int(code-2))
	case code >= 16 && code <= 27:
		return pick(row2, sh2, int(code-16))
	case code >= 30 && code <= 41:
		return pick(row3, sh3, int(code-30))
	case code == 43:
		return '\\', '|', true
	case code >= 44 && code <= 53:
		return pick(row4, sh4, int(code-44))
	case code == 57:
		return ' ', ' ', true
	case code == 55:
		return '*', '*', true
	case code == 74:
		return '-', '-', true
	case code == 78:
		return '+', '+', true
	case code == 83:
		return '.', '.', true
	case code == 98:
		return '/', '/', true
	}
	if r, ok := keypadDigit(code); ok {
		return r, r, true
	}
	return 0, 0, false
}

// keypadDigit maps KEY_KP0..KEY_KP9, which some scanners use for digits.
func keypadDigit(code uint16) (rune, bool) {
	const pad = "789-456+1230" // codes 71-82; '-' and '+' are handled above
	if code >= 71 && code <= 82 && pad[code-71] >= '0' && pad[code-71] <= '9' {
		return rune(pad[code-71]), true
	}
	return 0, false
}

// keyDecoder turns key events into codes: shift state is tracked, printable keys are
// collected and Enter ends the code.
type keyDecoder struct {
	shift int // number of shift keys held
	buf   strings.Builder
}

// event consumes one input event and returns a completed code, if any.
func (d *keyDecoder) event(ev inputEvent) (string, bool) {
	if ev.typ != evKey {
		return "", false
	}
	switch ev.code {
	case keyLeftShift, keyRightShft:
		switch ev.value {
		case keyPress:
			d.shift++
		case keyRelease:
			d.shift = max(0, d.shift-1)
		}
		return "", false
	}
	if ev.value != keyPress {
		return "", false // releases, and auto-repeat which a scanner never means
	}
	if ev.code == keyEnter || ev.code == keyKPEnter {
		code := d.buf.String()
		d.buf.Reset()
		return code, code != ""
	}
	plain, shifted, ok := keyRunes(ev.code)
	if !ok {
		return "", false
	}
	if d.buf.Len() >= maxCodeBytes {
		d.buf.Reset() // no Enter for too long: this is not a scanner burst
	}
	if d.shift > 0 {
		d.buf.WriteRune(shifted)
	} else {
		d.buf.WriteRune(plain)
	}
	return "", false
}

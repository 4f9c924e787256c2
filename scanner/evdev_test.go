package scanner

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"testing"
)

// evBytes encodes input_event records as the kernel writes them on 64-bit Linux.
func evBytes(evs ...inputEvent) []byte {
	var b bytes.Buffer
	for i, ev := range evs {
		var rec [inputEventSize]byte
		binary.LittleEndian.PutUint64(rec[0:], uint64(1700000000+i)) // tv_sec
		binary.LittleEndian.PutUint64(rec[8:], 1234)                 // tv_usec
		binary.LittleEndian.PutUint16(rec[16:], ev.typ)
		binary.LittleEndian.PutUint16(rec[18:], ev.code)
		binary.LittleEndian.PutUint32(rec[20:], uint32(ev.value))
		b.Write(rec[:])
	}
	return b.Bytes()
}

// typeKeys produces press/release events (with EV_SYN between) for key codes; a
// negative code means "with shift".
func typeKeys(codes ...int) []inputEvent {
	var evs []inputEvent
	syn := inputEvent{typ: 0}
	for _, c := range codes {
		shift := c < 0
		if shift {
			c = -c
			evs = append(evs, inputEvent{evKey, keyLeftShift, keyPress}, syn)
		}
		evs = append(evs, inputEvent{4, 4, 0x70004}, inputEvent{evKey, uint16(c), keyPress}, syn, inputEvent{evKey, uint16(c), keyRelease}, syn)
		if shift {
			evs = append(evs, inputEvent{evKey, keyLeftShift, keyRelease}, syn)
		}
	}
	return evs
}

func TestEvdevKeyCodes(t *testing.T) {
	// "WPN1:a-Z" then Enter, then "09" on the keypad and keypad Enter.
	keys := []int{-17, -25, -49, 2, -39, 30, 12, -44, keyEnter, 82, 73, keyKPEnter}
	evs := typeKeys(keys...)
	evs = append(evs, inputEvent{evKey, 30, 2}) // auto-repeat of 'a' must not count
	r := bytes.NewReader(evBytes(evs...))
	var got []string
	err := readKeyCodes(r, func(code string) bool { got = append(got, code); return true })
	if !errors.Is(err, io.EOF) {
		t.Fatalf("err = %v", err)
	}
	want := []string{"WPN1:a-Z", "09"}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestParseInputEventsRejectsPartial(t *testing.T) {
	b := evBytes(inputEvent{evKey, 30, 1})
	if _, err := parseInputEvents(b[:20]); !errors.Is(err, ErrShortEvent) {
		t.Fatalf("err = %v, want ErrShortEvent", err)
	}
	evs, err := parseInputEvents(b)
	if err != nil || len(evs) != 1 || evs[0] != (inputEvent{evKey, 30, 1}) {
		t.Fatalf("got %+v, %v", evs, err)
	}
}

func TestKeyRunesTable(t *testing.T) {
	tests := []struct {
		code           uint16
		plain, shifted rune
	}{
		{2, '1', '!'}, {11, '0', ')'}, {16, 'q', 'Q'}, {28, 0, 0}, {39, ';', ':'},
		{41, '`', '~'}, {43, '\\', '|'}, {53, '/', '?'}, {57, ' ', ' '}, {79, '1', '1'},
	}
	for _, tt := range tests {
		p, s, ok := keyRunes(tt.code)
		if ok != (tt.plain != 0) || p != tt.plain || s != tt.shifted {
			t.Errorf("key %d = %q %q %v", tt.code, p, s, ok)
		}
	}
}

package scanner

import (
	"bytes"
	"errors"
	"testing"
	"unicode/utf8"
)

// FuzzSplitter checks that the serial splitter never loses or alters a byte: the codes
// it cuts, rejoined with their terminators, give back the input, and only invalid UTF-8
// is flagged as such.
func FuzzSplitter(f *testing.F) {
	f.Add([]byte("WPN1:ABC\r"), uint8(0), uint8(3))
	f.Add([]byte("姓名\r\n张三\r\n"), uint8(2), uint8(1))
	f.Add([]byte("\xff\xfe\r\n\n"), uint8(1), uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, term, cut uint8) {
		tm := Terminator(term % 3) // with a terminator every byte is accounted for
		s := splitter{term: tm}
		at := 0
		if len(data) > 0 {
			at = int(cut) % (len(data) + 1)
		}
		codes := append(s.feed(data[:at]), s.feed(data[at:])...)
		sep := map[Terminator]string{TermCR: "\r", TermLF: "\n", TermCRLF: "\r\n"}[tm]
		var rejoined []byte
		for _, c := range codes {
			if c.text == "" {
				t.Fatal("empty code emitted")
			}
			if errors.Is(c.err, ErrInvalidUTF8) == utf8.ValidString(c.text) {
				t.Fatalf("code %q flagged %v", c.text, c.err)
			}
			rejoined = append(rejoined, c.text...)
			if !errors.Is(c.err, ErrCodeTooLong) {
				rejoined = append(rejoined, sep...)
			}
		}
		rejoined = append(rejoined, s.buf...)
		if stripEmpty(data, sep) != string(rejoined) {
			t.Fatalf("rejoined %q from %q", rejoined, data)
		}
	})
}

// stripEmpty removes the empty lines that the splitter rightly ignores.
func stripEmpty(data []byte, sep string) string {
	out := []byte{}
	for len(data) > 0 {
		i := bytes.Index(data, []byte(sep))
		if i < 0 {
			out = append(out, data...)
			break
		}
		if i > 0 {
			out = append(out, data[:i+len(sep)]...)
		}
		data = data[i+len(sep):]
	}
	return string(out)
}

// FuzzEvdev feeds arbitrary bytes as input events: no panic, and only printable ASCII
// comes out of the key mapping.
func FuzzEvdev(f *testing.F) {
	f.Add(evBytes(typeKeys(-17, 2, keyEnter)...))
	f.Add(evBytes(inputEvent{evKey, 42, 1}, inputEvent{evKey, 30, 1}, inputEvent{evKey, 28, 1}))
	f.Add([]byte{1, 2, 3})
	f.Fuzz(func(t *testing.T, data []byte) {
		err := readKeyCodes(bytes.NewReader(data), func(code string) bool {
			for _, r := range code {
				if r < ' ' || r > '~' {
					t.Fatalf("non-ASCII %q in %q", r, code)
				}
			}
			return true
		})
		if err == nil {
			t.Fatal("reader ended without error")
		}
	})
}

// FuzzToFrame converts arbitrary camera buffers: no panic, and a frame that comes out
// is consistent with its size.
func FuzzToFrame(f *testing.F) {
	f.Add(uint8(0), []byte{0, 1, 2, 3, 4, 5, 6, 7}, uint16(2), uint16(2))
	f.Add(uint8(1), []byte{1, 2, 3, 4}, uint16(2), uint16(2))
	f.Add(uint8(2), []byte{0xff, 0xd8, 0xff, 0xdb, 0, 4, 0, 0, 0xff, 0xda}, uint16(1), uint16(1))
	f.Fuzz(func(t *testing.T, which uint8, buf []byte, w, h uint16) {
		format := []PixelFormat{FormatGREY, FormatYUYV, FormatMJPEG}[which%3]
		fr, err := ToFrame(format, buf, int(w), int(h))
		if err != nil {
			return
		}
		if err := fr.Check(); err != nil {
			t.Fatalf("%s gave a bad frame: %v", format, err)
		}
	})
}

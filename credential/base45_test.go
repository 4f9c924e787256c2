package credential

import (
	"bytes"
	"errors"
	"testing"
)

func TestBase45Vectors(t *testing.T) {
	// RFC 9285 sections 4.3 and 4.4.
	vectors := []struct{ plain, encoded string }{
		{"AB", "BB8"},
		{"Hello!!", "%69 VD92EX0"},
		{"base-45", "UJCLQE7W581"},
		{"ietf!", "QED8WEX0"},
		{"", ""},
	}
	for _, v := range vectors {
		t.Run(v.encoded, func(t *testing.T) {
			if got := Base45Encode([]byte(v.plain)); got != v.encoded {
				t.Errorf("Base45Encode(%q) = %q, want %q", v.plain, got, v.encoded)
			}
			got, err := Base45Decode(v.encoded)
			if err != nil {
				t.Fatalf("Base45Decode(%q): %v", v.encoded, err)
			}
			if string(got) != v.plain {
				t.Errorf("Base45Decode(%q) = %q, want %q", v.encoded, got, v.plain)
			}
		})
	}
}

func TestBase45Invalid(t *testing.T) {
	for _, s := range []string{
		"GGW",  // RFC 9285 section 4.4: 65536 + ... exceeds 65535
		":::",  // 91124
		"::",   // a pair above 255
		"A",    // length 1 mod 3
		"BB8A", // length 1 mod 3 after a full group
		"bb8",  // lower case is outside the alphabet
		"BB#",  // '#' is outside the alphabet
		"BB\x00",
	} {
		t.Run(s, func(t *testing.T) {
			if b, err := Base45Decode(s); !errors.Is(err, ErrBase45) {
				t.Errorf("Base45Decode(%q) = %x, %v; want ErrBase45", s, b, err)
			}
		})
	}
}

func TestBase45RoundTripAllPairs(t *testing.T) {
	// Every two-byte value, and the highest single byte, survive a round trip: the
	// boundary groups (0xFFFF -> "FGW", 0xFF -> "U5") are where overflow checks bite.
	buf := make([]byte, 0, 2*65536+1)
	for n := 0; n <= 0xFFFF; n++ {
		buf = append(buf, byte(n>>8), byte(n))
	}
	buf = append(buf, 0xFF)
	got, err := Base45Decode(Base45Encode(buf))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, buf) {
		t.Fatal("round trip changed the bytes")
	}
	if s := Base45Encode([]byte{0xFF, 0xFF}); s != "FGW" {
		t.Errorf("0xFFFF encodes as %q, want FGW", s)
	}
}

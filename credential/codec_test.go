package credential

import (
	"crypto"
	"testing"
)

type testCodec struct{ codec }

func newTestCodec(t *testing.T) testCodec {
	t.Helper()
	c, err := newCodec(16)
	if err != nil {
		t.Fatal(err)
	}
	return testCodec{c}
}

func (c testCodec) mustEncode(t *testing.T, v any) []byte {
	t.Helper()
	b, err := c.encode(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// unpack undoes the text layers of a payload: prefix, Base45 and zlib.
func unpack(t *testing.T, text string) []byte {
	t.Helper()
	_, body, err := splitPrefix(text)
	if err != nil {
		t.Fatal(err)
	}
	z, err := Base45Decode(body)
	if err != nil {
		t.Fatal(err)
	}
	var in inflater
	raw, err := in.inflate(z, MaxDecompressed)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// repack builds payload text around raw CBOR, as an issuer would.
func repack(t *testing.T, prefix string, raw []byte) string {
	t.Helper()
	s, err := encodePayload(prefix, raw)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func samePublic(a, b crypto.PublicKey) bool {
	k, ok := a.(interface{ Equal(crypto.PublicKey) bool })
	return ok && k.Equal(b)
}

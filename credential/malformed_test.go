package credential

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"io"
	"strings"
	"testing"

	"github.com/veraison/go-cose"
)

// canonicalClaims is the deterministic CBOR of a real notice's claims.
func canonicalClaims(t *testing.T) []byte {
	t.Helper()
	c, err := newClaims(testPermit(), UseNotice, t0, nil)
	if err != nil {
		t.Fatal(err)
	}
	b := newTestCodec(t).mustEncode(t, c)
	if b[0] != 0xAD { // a map of 13 pairs
		t.Fatalf("claims start with %#x", b[0])
	}
	return b
}

// signedNotice signs body with the fixture's issuer key, so that only the body's
// encoding is at fault.
func signedNotice(t *testing.T, f *fixture, body []byte) string {
	t.Helper()
	cose, err := sign(f.ed.Alg, f.ed.ID, f.ed.Private, body)
	if err != nil {
		t.Fatal(err)
	}
	return repack(t, PrefixNotice, cose)
}

// algLiar signs with Ed25519 while announcing another algorithm.
type algLiar struct {
	alg cose.Algorithm
	key ed25519.PrivateKey
}

func (s algLiar) Algorithm() cose.Algorithm { return s.alg }
func (s algLiar) Sign(_ io.Reader, content []byte) ([]byte, error) {
	return ed25519.Sign(s.key, content), nil
}

func signWithHeaders(t *testing.T, f *fixture, alg cose.Algorithm, h cose.Headers) string {
	t.Helper()
	out, err := cose.Sign1(rand.Reader, algLiar{alg, f.ed.Private.(ed25519.PrivateKey)}, h, canonicalClaims(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	return repack(t, PrefixNotice, out)
}

func TestVerifyMalformed(t *testing.T) {
	f := newFixture(t)
	notice := f.notice()
	employer := []byte("\x71ACME Shanghai Ltd") // text string of 17 bytes
	withEmployer := func(t *testing.T, enc []byte) []byte {
		b := canonicalClaims(t)
		if !bytes.Contains(b, employer) {
			t.Fatal("employer encoding not found")
		}
		return bytes.Replace(b, employer, enc, 1)
	}
	cases := []struct {
		name    string
		payload func(t *testing.T) string
		reason  Reason
		detail  string // a fragment the technical detail must contain, if set
	}{
		{"empty", func(*testing.T) string { return "" }, ReasonUnknownPrefix, ""},
		{"garbage", func(*testing.T) string { return "hello, world" }, ReasonUnknownPrefix, ""},
		{"other scheme", func(*testing.T) string { return "HC1:" + notice[len(PrefixNotice):] }, ReasonUnknownPrefix, ""},
		{"unsupported version", func(*testing.T) string { return "WPN2:" + notice[len(PrefixNotice):] }, ReasonUnsupportedVersion, ""},
		{"garbage after prefix", func(*testing.T) string { return "WPN1:HELLO WORLD" }, ReasonMalformed, ""},
		{"not base45", func(*testing.T) string { return "WPN1:abc" }, ReasonMalformed, ""},
		{"truncated", func(*testing.T) string { return notice[:len(notice)/2] }, ReasonMalformed, ""},
		{"truncated by one group", func(*testing.T) string { return notice[:len(notice)-3] }, ReasonMalformed, ""},
		{"longer than a QR code holds", func(*testing.T) string {
			return PrefixNotice + strings.Repeat("0", MaxPayloadChars)
		}, ReasonTooLarge, ""},
		{"decompression bomb", func(t *testing.T) string { return repack(t, PrefixNotice, make([]byte, 1<<20)) }, ReasonTooLarge, ""},
		{"bytes after the zlib stream", func(t *testing.T) string {
			z, err := deflate(unpack(t, notice))
			if err != nil {
				t.Fatal(err)
			}
			return PrefixNotice + Base45Encode(append(z, 0))
		}, ReasonMalformed, ""},
		{"not COSE", func(t *testing.T) string { return repack(t, PrefixNotice, canonicalClaims(t)) }, ReasonMalformed, ""},
		{"duplicate claim key", func(t *testing.T) string {
			b := canonicalClaims(t)
			b[0]++ // one more pair: key 1 again
			b = append(b, 0x01, 0x66, 'n', 'o', 't', 'i', 'c', 'e')
			return signedNotice(t, f, b)
		}, ReasonMalformed, "duplicate"},
		{"unknown claim field", func(t *testing.T) string {
			b := canonicalClaims(t)
			b[0]++
			b = append(b, 0x0F, 0x01) // key 15 is not a claim
			return signedNotice(t, f, b)
		}, ReasonMalformed, "unknown field"},
		{"indefinite-length text", func(t *testing.T) string {
			return signedNotice(t, f, withEmployer(t, append(append([]byte{0x7F}, employer...), 0xFF)))
		}, ReasonMalformed, "indefinite"},
		{"non-minimal length", func(t *testing.T) string {
			return signedNotice(t, f, withEmployer(t, append([]byte{0x78, 0x11}, employer[1:]...)))
		}, ReasonNonCanonical, ""},
		{"map keys out of order", func(t *testing.T) string {
			b := canonicalClaims(t)
			// Swap the first two pairs: 1:"notice" and 2:<16-char id>.
			first, second, rest := b[1:9], b[9:27], b[27:]
			if first[0] != 0x01 || second[0] != 0x02 || rest[0] != 0x03 {
				t.Fatalf("unexpected layout % x", b[:28])
			}
			out := append([]byte{b[0]}, second...)
			out = append(out, first...)
			return signedNotice(t, f, append(out, rest...))
		}, ReasonNonCanonical, ""},
		{"claims that break the rules", func(t *testing.T) string {
			c, err := newClaims(testPermit(), UseNotice, t0, nil)
			if err != nil {
				t.Fatal(err)
			}
			c.Category = "D"
			return signedNotice(t, f, newTestCodec(t).mustEncode(t, c))
		}, ReasonMalformed, ""},
		{"e-SSC credential in a WPN1 code", func(t *testing.T) string {
			return repack(t, PrefixNotice, f.holder().Credential)
		}, ReasonMalformed, ""},
		{"notice credential in an ESC1 code", func(t *testing.T) string {
			h := f.holder()
			h.Credential = unpack(t, notice)
			return f.essc(h, t0)
		}, ReasonMalformed, ""},
		{"alg not in the allow-list", func(t *testing.T) string {
			return signWithHeaders(t, f, cose.AlgorithmES384, cose.Headers{Protected: cose.ProtectedHeader{
				cose.HeaderLabelAlgorithm: cose.AlgorithmES384, cose.HeaderLabelKeyID: []byte("K-ED-1")}})
		}, ReasonAlgNotAllowed, ""},
		{"key in the unprotected header", func(t *testing.T) string {
			return signWithHeaders(t, f, AlgEdDSA, cose.Headers{
				Protected:   cose.ProtectedHeader{cose.HeaderLabelAlgorithm: AlgEdDSA, cose.HeaderLabelKeyID: []byte("K-ED-1")},
				Unprotected: cose.UnprotectedHeader{cose.HeaderLabelKeyID: []byte("K-ES-1")},
			})
		}, ReasonMalformed, ""},
		{"no key id", func(t *testing.T) string {
			return signWithHeaders(t, f, AlgEdDSA, cose.Headers{Protected: cose.ProtectedHeader{cose.HeaderLabelAlgorithm: AlgEdDSA}})
		}, ReasonMalformed, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := f.verify(c.payload(t))
			wantReason(t, r, c.reason)
			if !strings.Contains(r.Detail, c.detail) || r.Detail == "" {
				t.Errorf("detail %q, want it to mention %q", r.Detail, c.detail)
			}
		})
	}
}

func TestVerifyHeaderSaysES256ForEdKey(t *testing.T) {
	// The header is the only source of the algorithm: claiming ES256 for an Ed25519
	// key id finds no key of that algorithm rather than trying the Ed25519 key.
	f := newFixture(t)
	code := signWithHeaders(t, f, AlgES256, cose.Headers{Protected: cose.ProtectedHeader{
		cose.HeaderLabelAlgorithm: AlgES256, cose.HeaderLabelKeyID: []byte("K-ED-1")}})
	wantReason(t, f.verify(code), ReasonKeyAlgMismatch)
}

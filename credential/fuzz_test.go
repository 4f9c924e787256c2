package credential

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The fuzz targets use keys derived from fixed seeds, so the committed corpus under
// testdata/fuzz holds payloads and bundles that really verify and the fuzzer starts
// from inputs that reach every check.

func fuzzRoot() ed25519.PrivateKey {
	return ed25519.NewKeyFromSeed(bytes.Repeat([]byte{0x52}, ed25519.SeedSize))
}

func fuzzIssuerKey() IssuerKey {
	priv := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{0x49}, ed25519.SeedSize))
	return IssuerKey{
		KeyInfo: KeyInfo{ID: "K-FUZZ", Alg: AlgEdDSA, Public: priv.Public(),
			NotBefore: t0.AddDate(-1, 0, 0), NotAfter: t0.AddDate(2, 0, 0), Uses: []Use{UseNotice, UseESSC}},
		Private: priv,
	}
}

func fuzzBundle() Bundle {
	return Bundle{Version: 7, IssuedAt: t0.Add(-time.Hour), Keys: []KeyInfo{fuzzIssuerKey().KeyInfo},
		RevokedCredentials: []string{"AAAAAAAAAAAAAAAA"}, RevokedKeys: []string{"K-OLD"}}
}

func isPayloadError(err error) bool {
	for _, want := range []error{ErrUnknownPrefix, ErrUnsupportedVersion, ErrTooLarge, ErrMalformed, ErrNonCanonical} {
		if errors.Is(err, want) {
			return true
		}
	}
	return false
}

func FuzzDecodePayload(f *testing.F) {
	f.Add("WPN1:")
	f.Add("ESC1:BB8")
	f.Add("WPN9:%69 VD92EX0")
	d, err := NewDecoder()
	if err != nil {
		f.Fatal(err)
	}
	b := fuzzBundle()
	v, err := NewVerifier(Config{Bundle: &b, Permits: &memPermits{records: map[string]PermitRecord{}},
		Nonces: freshNonces{}, Clock: func() time.Time { return t0 }})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		p, err := d.Decode(text)
		if err != nil {
			if !isPayloadError(err) {
				t.Fatalf("unclassified error %v", err)
			}
		} else if err := p.Claims.check(p.Kind); err != nil {
			t.Fatalf("decoded claims break the rules: %v", err)
		}
		r := v.Verify(context.Background(), text)
		if _, known := entry(r.Reason); !known || r.Verdict != VerdictOf(r.Reason) {
			t.Fatalf("result %s/%s", r.Verdict, r.Reason)
		}
		if (err == nil) != (r.Reason != ReasonMalformed && r.Reason != ReasonUnknownPrefix &&
			r.Reason != ReasonUnsupportedVersion && r.Reason != ReasonTooLarge && r.Reason != ReasonNonCanonical) {
			t.Fatalf("decode error %v but verify reason %s", err, r.Reason)
		}
	})
}

func FuzzBase45(f *testing.F) {
	for _, s := range []string{"BB8", "%69 VD92EX0", "UJCLQE7W581", "QED8WEX0", "GGW", "FGW", "U5", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := Base45Decode(s)
		if err != nil {
			if !errors.Is(err, ErrBase45) {
				t.Fatalf("unclassified error %v", err)
			}
		} else if enc := Base45Encode(b); enc != s {
			// Every accepted text is the one encoding of its bytes.
			t.Fatalf("%q decodes to %x, which encodes as %q", s, b, enc)
		}
		back, err := Base45Decode(Base45Encode([]byte(s)))
		if err != nil || string(back) != s {
			t.Fatalf("round trip of %q: %q, %v", s, back, err)
		}
	})
}

func FuzzParseBundle(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{0xD2, 0x84, 0x40, 0xA0, 0xF6, 0x40})
	root := fuzzRoot()
	pinned := root.Public().(ed25519.PublicKey)
	f.Fuzz(func(t *testing.T, data []byte) {
		check := func(b *Bundle, err error) {
			if err != nil {
				for _, want := range []error{ErrTooLarge, ErrMalformed, ErrNonCanonical, ErrBundleSignature, ErrBundleDowngrade, ErrKey} {
					if errors.Is(err, want) {
						return
					}
				}
				t.Fatalf("unclassified error %v", err)
			}
			// What parses re-signs and parses to the same bundle.
			again, err := SignBundle(*b, root)
			if err != nil {
				t.Fatalf("re-sign parsed bundle: %v", err)
			}
			b2, err := ParseBundle(again, pinned, b.Version)
			if err != nil || b2.Version != b.Version || len(b2.Keys) != len(b.Keys) || len(b2.RevokedCredentials) != len(b.RevokedCredentials) {
				t.Fatalf("re-parse: %+v, %v", b2, err)
			}
		}
		check(ParseBundle(data, pinned, 5))
		// The same bytes as a body signed by the pinned root reach the strict decoder.
		signed, err := sign(AlgEdDSA, RootFingerprint(pinned), root, data)
		if err != nil {
			t.Fatal(err)
		}
		check(ParseBundle(signed, pinned, 5))
	})
}

// TestFuzzSeedsVerify keeps the committed corpus meaningful: its real payloads must
// still verify, or the fuzzer would start from inputs that stop at the first check.
func TestFuzzSeedsVerify(t *testing.T) {
	b := fuzzBundle()
	v, err := NewVerifier(Config{Bundle: &b, Permits: &memPermits{records: map[string]PermitRecord{}},
		Nonces: &memNonces{seen: map[string]bool{}}, Clock: func() time.Time { return t0 }})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"notice", "essc"} {
		raw, err := os.ReadFile(filepath.Join("testdata", "fuzz", "FuzzDecodePayload", name))
		if err != nil {
			t.Fatal(err)
		}
		_, lit, _ := strings.Cut(strings.TrimSpace(string(raw)), "\nstring(")
		text, err := strconv.Unquote(strings.TrimSuffix(lit, ")"))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		wantReason(t, v.Verify(context.Background(), text), ReasonPermitNotLocal)
	}
	raw, err := os.ReadFile(filepath.Join("testdata", "fuzz", "FuzzParseBundle", "signed_bundle"))
	if err != nil {
		t.Fatal(err)
	}
	_, lit, _ := strings.Cut(strings.TrimSpace(string(raw)), "\n[]byte(")
	data, err := strconv.Unquote(strings.TrimSuffix(lit, ")"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseBundle([]byte(data), fuzzRoot().Public().(ed25519.PublicKey), 0); err != nil {
		t.Fatal(err)
	}
}

package credential

import (
	"context"
	"crypto/ed25519"
	"errors"
	"testing"
	"time"

	"github.com/veraison/go-cose"
)

func TestIssuerKeyMarshalRoundTrip(t *testing.T) {
	for _, alg := range []cose.Algorithm{AlgEdDSA, AlgES256} {
		t.Run(alg.String(), func(t *testing.T) {
			k := mustKey(t, "K-"+alg.String(), alg, t0, t0.AddDate(1, 0, 0), UseNotice)
			b, err := k.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			got, err := ParseIssuerKey(b)
			if err != nil {
				t.Fatal(err)
			}
			if got.ID != k.ID || got.Alg != alg || !got.NotBefore.Equal(k.NotBefore) || !got.NotAfter.Equal(k.NotAfter) || !got.Allows(UseNotice) || got.Allows(UseESSC) {
				t.Fatalf("parsed %+v", got.KeyInfo)
			}
			// A code signed with the parsed key verifies against the original public key.
			f := newFixture(t)
			is, err := NewIssuer(got)
			if err != nil {
				t.Fatal(err)
			}
			code, err := is.IssueNotice(testPermit(), t0)
			if err != nil {
				t.Fatal(err)
			}
			f.bundle.Keys = []KeyInfo{k.KeyInfo}
			wantReason(t, f.verify(code), ReasonOK)

			pb, err := k.KeyInfo.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			pub, err := ParseKeyInfo(pb)
			if err != nil {
				t.Fatal(err)
			}
			if !samePublic(pub.Public, k.Public) {
				t.Error("public key changed in a round trip")
			}
			if _, err := ParseIssuerKey(pb); err == nil {
				t.Error("a public key parsed as an issuer key")
			}
		})
	}
}

func TestGenerateIssuerKeyRejects(t *testing.T) {
	cases := []struct {
		name string
		alg  cose.Algorithm
		nb   time.Time
		na   time.Time
		uses []Use
	}{
		{"algorithm outside the allow-list", cose.AlgorithmES384, t0, t0.Add(time.Hour), []Use{UseNotice}},
		{"empty validity", AlgEdDSA, t0, t0, []Use{UseNotice}},
		{"no use", AlgEdDSA, t0, t0.Add(time.Hour), nil},
		{"unknown use", AlgEdDSA, t0, t0.Add(time.Hour), []Use{"bundle"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := GenerateIssuerKey("K", c.alg, c.nb, c.na, c.uses...); !errors.Is(err, ErrKey) {
				t.Fatalf("got %v, want ErrKey", err)
			}
		})
	}
}

func TestIssuerRotation(t *testing.T) {
	old := mustKey(t, "K-2023", AlgEdDSA, t0.AddDate(-2, 0, 0), t0.AddDate(1, 0, 0), UseNotice, UseESSC)
	cur := mustKey(t, "K-2025", AlgES256, t0.AddDate(0, -1, 0), t0.AddDate(2, 0, 0), UseNotice, UseESSC)
	essc := mustKey(t, "K-ESSC", AlgEdDSA, t0.AddDate(0, 0, -1), t0.AddDate(2, 0, 0), UseESSC)
	is, err := NewIssuer(old, cur, essc)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		use  Use
		at   time.Time
		want string
	}{
		{UseNotice, t0.AddDate(0, -2, 0), "K-2023"}, // before the new key starts
		{UseNotice, t0, "K-2025"},                   // newest valid key signs
		{UseESSC, t0, "K-ESSC"},                     // newest key allowed the use
		{UseNotice, t0.AddDate(1, 6, 0), "K-2025"},  // the old key has ended
		{UseNotice, t0.AddDate(3, 0, 0), ""},        // none left
	}
	for _, c := range cases {
		k, err := is.Key(c.use, c.at)
		if c.want == "" {
			if !errors.Is(err, ErrNoSigningKey) {
				t.Errorf("%s at %s: %v, want ErrNoSigningKey", c.use, c.at, err)
			}
			continue
		}
		if err != nil || k.ID != c.want {
			t.Errorf("%s at %s: %q, %v; want %q", c.use, c.at, k.ID, err, c.want)
		}
	}
}

func TestIssuerRefuses(t *testing.T) {
	f := newFixture(t)
	p := testPermit()
	p.ValidUntil = "2025-05-31" // ended the day before t0
	if _, err := f.issuer.IssueNotice(p, t0); !errors.Is(err, ErrPermit) {
		t.Errorf("expired permit: %v", err)
	}
	p = testPermit()
	p.Number = "ZA123"
	if _, err := f.issuer.IssueNotice(p, t0); !errors.Is(err, ErrPermit) {
		t.Errorf("short permit number: %v", err)
	}
	p = testPermit()
	p.Category = "X"
	if _, err := f.issuer.IssueNotice(p, t0); !errors.Is(err, ErrPermit) {
		t.Errorf("category X: %v", err)
	}
}

func TestNewHolderChecksDevice(t *testing.T) {
	f := newFixture(t)
	h := f.holder()
	_, other, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewHolder(other, h.Credential); !errors.Is(err, ErrKey) {
		t.Fatalf("credential accepted for another device: %v", err)
	}
	again, err := NewHolder(h.DeviceKey, h.Credential)
	if err != nil {
		t.Fatal(err)
	}
	wantReason(t, f.verifier().Verify(context.Background(), f.essc(again, t0)), ReasonOK)
}

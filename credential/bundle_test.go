package credential

import (
	"crypto/ed25519"
	"errors"
	"slices"
	"testing"
	"time"
)

func TestBundleRoundTrip(t *testing.T) {
	f := newFixture(t)
	f.bundle.RevokedCredentials = []string{"ABCDEFGHIJKLMNOP"}
	f.bundle.RevokedKeys = []string{"K-OLD"}
	data, err := SignBundle(f.bundle, f.root)
	if err != nil {
		t.Fatal(err)
	}
	b, err := ParseBundle(data, f.root.Public().(ed25519.PublicKey), 3)
	if err != nil {
		t.Fatal(err)
	}
	if b.Version != 3 || !b.IssuedAt.Equal(f.bundle.IssuedAt) || len(b.Keys) != 2 ||
		!slices.Equal(b.RevokedCredentials, f.bundle.RevokedCredentials) || !slices.Equal(b.RevokedKeys, f.bundle.RevokedKeys) {
		t.Fatalf("round trip: %+v", b)
	}
	for i, k := range b.Keys {
		want := f.bundle.Keys[i]
		if k.ID != want.ID || k.Alg != want.Alg || !k.NotBefore.Equal(want.NotBefore) || !k.NotAfter.Equal(want.NotAfter) ||
			!slices.Equal(k.Uses, want.Uses) || !samePublic(k.Public, want.Public) {
			t.Errorf("key %d: %+v, want %+v", i, k, want)
		}
	}
	if got := b.Age(t0); got != time.Hour {
		t.Errorf("age %v", got)
	}
}

func TestParseBundleRejects(t *testing.T) {
	f := newFixture(t)
	pinned := f.root.Public().(ed25519.PublicKey)
	good, err := SignBundle(f.bundle, f.root)
	if err != nil {
		t.Fatal(err)
	}
	_, otherRoot, err := GenerateRootKey()
	if err != nil {
		t.Fatal(err)
	}
	fromOther, err := SignBundle(f.bundle, otherRoot)
	if err != nil {
		t.Fatal(err)
	}
	// Signed by another root but labelled with the pinned root's key id: the signature
	// itself must fail, not just the label.
	forged, err := sign(AlgEdDSA, RootFingerprint(pinned), otherRoot, unpackBundleBody(t, good))
	if err != nil {
		t.Fatal(err)
	}
	tampered := slices.Clone(good)
	tampered[len(tampered)-70] ^= 1 // inside the payload, before the signature

	cases := []struct {
		name      string
		data      []byte
		installed uint64
		want      error
	}{
		{"another root", fromOther, 0, ErrBundleSignature},
		{"another root under the pinned id", forged, 0, ErrBundleSignature},
		{"tampered", tampered, 0, ErrBundleSignature},
		{"lower version than installed", good, 4, ErrBundleDowngrade},
		{"garbage", []byte("not a bundle"), 0, ErrMalformed},
		{"empty", nil, 0, ErrMalformed},
		{"oversized", make([]byte, MaxBundleSize+1), 0, ErrTooLarge},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, err := ParseBundle(c.data, pinned, c.installed)
			if !errors.Is(err, c.want) {
				t.Fatalf("ParseBundle = %+v, %v; want %v", b, err, c.want)
			}
		})
	}
	t.Run("same version as installed", func(t *testing.T) {
		if _, err := ParseBundle(good, pinned, 3); err != nil {
			t.Fatal(err)
		}
	})
}

func unpackBundleBody(t *testing.T, data []byte) []byte {
	t.Helper()
	s, err := openSign1(data)
	if err != nil {
		t.Fatal(err)
	}
	return s.msg.Payload
}

func TestSignBundleRejectsBadKeys(t *testing.T) {
	f := newFixture(t)
	k := f.ed.KeyInfo
	k.Uses = []Use{"everything"}
	f.bundle.Keys = []KeyInfo{k}
	if _, err := SignBundle(f.bundle, f.root); !errors.Is(err, ErrKey) {
		t.Fatalf("SignBundle with an unknown use: %v", err)
	}
	f.bundle.Keys, f.bundle.Version = nil, 0
	if _, err := SignBundle(f.bundle, f.root); !errors.Is(err, ErrMalformed) {
		t.Fatalf("SignBundle with version 0: %v", err)
	}
}

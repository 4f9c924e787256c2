package credential

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/veraison/go-cose"
)

func TestVerifyValid(t *testing.T) {
	f := newFixture(t)
	r := f.verify(f.notice())
	wantReason(t, r, ReasonOK)
	if r.Kind != UseNotice || r.Permit != testPermit().Number {
		t.Errorf("kind %q permit %q", r.Kind, r.Permit)
	}
	if r.Holder == nil || r.Holder.Surname != "MUELLER" || r.Holder.GivenNames != "ANNA<MARIA" || r.Holder.Nationality != "DEU" {
		t.Errorf("holder %+v", r.Holder)
	}
	if r.Credential.KeyID != "K-ED-1" || r.Credential.Alg != "EdDSA" || r.LocalRecord != PermitValid {
		t.Errorf("credential %+v, local %q", r.Credential, r.LocalRecord)
	}
	want := []Check{CheckFormat, CheckClock, CheckTrustBundle, CheckAlgorithm, CheckKey, CheckSignature,
		CheckKeyValidity, CheckUse, CheckValidity, CheckRevocation, CheckLocalRecord}
	if !slices.Equal(r.Checks, want) {
		t.Errorf("checks %v, want %v", r.Checks, want)
	}
	if r.Bundle == nil || r.Bundle.Version != 3 || r.Bundle.AgeSeconds != 3600 {
		t.Errorf("bundle %+v", r.Bundle)
	}
}

func TestVerifyValidES256(t *testing.T) {
	f := newFixture(t)
	is, err := NewIssuer(f.es)
	if err != nil {
		t.Fatal(err)
	}
	code, err := is.IssueNotice(testPermit(), t0)
	if err != nil {
		t.Fatal(err)
	}
	r := f.verify(code)
	wantReason(t, r, ReasonOK)
	if r.Credential.Alg != "ES256" {
		t.Errorf("alg %q", r.Credential.Alg)
	}
}

func TestVerifyValidESSC(t *testing.T) {
	f := newFixture(t)
	h := f.holder()
	r := f.verify(f.essc(h, t0.Add(-5*time.Second)))
	wantReason(t, r, ReasonOK)
	if r.Kind != UseESSC || r.Credential.CodeTime == nil || !r.Credential.CodeTime.Equal(t0.Add(-5*time.Second)) {
		t.Errorf("kind %q code time %v", r.Kind, r.Credential.CodeTime)
	}
	for _, c := range []Check{CheckHolderBinding, CheckFreshness, CheckReplay, CheckLocalRecord} {
		if !slices.Contains(r.Checks, c) {
			t.Errorf("check %s missing from %v", c, r.Checks)
		}
	}
}

func TestVerifyTampered(t *testing.T) {
	f := newFixture(t)
	code := f.notice()

	t.Run("claims changed after signing", func(t *testing.T) {
		raw := unpack(t, code)
		var msg cose.Sign1Message
		if err := msg.UnmarshalCBOR(raw); err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(msg.Payload, []byte("ACME")) {
			t.Fatal("employer not found in claims")
		}
		msg.Payload = bytes.Replace(msg.Payload, []byte("ACME"), []byte("ACMF"), 1)
		out, err := msg.MarshalCBOR()
		if err != nil {
			t.Fatal(err)
		}
		wantReason(t, f.verify(repack(t, PrefixNotice, out)), ReasonBadSignature)
	})
	t.Run("text changed", func(t *testing.T) {
		i := len(code) / 2
		c := byte('0')
		if code[i] == c {
			c = '1'
		}
		wantReason(t, f.verify(code[:i]+string(c)+code[i+1:]), ReasonMalformed)
	})
}

func TestVerifyKeys(t *testing.T) {
	impostor := mustKey(t, "K-ED-1", AlgEdDSA, t0.AddDate(-1, 0, 0), t0.AddDate(2, 0, 0), UseNotice, UseESSC)
	cases := []struct {
		name   string
		keys   func(f *fixture) []KeyInfo
		essc   bool
		reason Reason
	}{
		{"unknown key", func(f *fixture) []KeyInfo { return []KeyInfo{f.es.KeyInfo} }, false, ReasonUnknownKey},
		{"wrong key under the same id", func(f *fixture) []KeyInfo { return []KeyInfo{impostor.KeyInfo} }, false, ReasonBadSignature},
		{"every key with the id is tried", func(f *fixture) []KeyInfo { return []KeyInfo{impostor.KeyInfo, f.ed.KeyInfo} }, false, ReasonOK},
		{"key id with another algorithm", func(f *fixture) []KeyInfo {
			k := f.es.KeyInfo
			k.ID = "K-ED-1"
			return []KeyInfo{k}
		}, false, ReasonKeyAlgMismatch},
		{"key expired before issue", func(f *fixture) []KeyInfo {
			k := f.ed.KeyInfo
			k.NotAfter = t0.Add(-time.Second)
			return []KeyInfo{k}
		}, false, ReasonKeyExpired},
		{"key expiring at issue", func(f *fixture) []KeyInfo {
			k := f.ed.KeyInfo
			k.NotAfter = t0
			return []KeyInfo{k}
		}, false, ReasonOK},
		{"key not yet valid at issue", func(f *fixture) []KeyInfo {
			k := f.ed.KeyInfo
			k.NotBefore = t0.Add(time.Second)
			return []KeyInfo{k}
		}, false, ReasonKeyNotYetValid},
		{"notice from an e-SSC-only key", func(f *fixture) []KeyInfo {
			k := f.ed.KeyInfo
			k.Uses = []Use{UseESSC}
			return []KeyInfo{k}
		}, false, ReasonWrongUse},
		{"e-SSC from a notice-only key", func(f *fixture) []KeyInfo {
			k := f.ed.KeyInfo
			k.Uses = []Use{UseNotice}
			return []KeyInfo{k}
		}, true, ReasonWrongUse},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t)
			f.bundle.Keys = c.keys(f)
			code := f.notice()
			if c.essc {
				code = f.essc(f.holder(), t0)
			}
			wantReason(t, f.verify(code), c.reason)
		})
	}
}

func TestVerifyWrongUseFromIssuer(t *testing.T) {
	// A notice-only key must not be picked to sign an e-SSC credential at all.
	f := newFixture(t)
	k := mustKey(t, "K-N", AlgEdDSA, t0.AddDate(-1, 0, 0), t0.AddDate(1, 0, 0), UseNotice)
	is, err := NewIssuer(k)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := is.NewHolder(testPermit(), t0); err == nil {
		t.Fatal("notice-only issuer issued an e-SSC credential")
	}
	// Signed anyway (a misbehaving issuer), the verifier refuses it.
	c, err := newClaims(testPermit(), UseESSC, t0, make([]byte, ed25519.PublicKeySize))
	if err != nil {
		t.Fatal(err)
	}
	_, dev, _ := ed25519.GenerateKey(rand.Reader)
	c.DeviceKey = dev.Public().(ed25519.PublicKey)
	cred, err := is.signClaims(k, c)
	if err != nil {
		t.Fatal(err)
	}
	h, err := NewHolder(dev, cred)
	if err != nil {
		t.Fatal(err)
	}
	f.bundle.Keys = append(f.bundle.Keys, k.KeyInfo)
	wantReason(t, f.verify(f.essc(h, t0)), ReasonWrongUse)
}

func TestVerifyValidityEdges(t *testing.T) {
	skew := DefaultSkew
	// The permit ends 2026-12-31, so the code expires at midnight Beijing time.
	expires := time.Date(2027, 1, 1, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))
	cases := []struct {
		name   string
		now    time.Time
		reason Reason
	}{
		{"at expiry plus skew", expires.Add(skew), ReasonOK},
		{"one second later", expires.Add(skew + time.Second), ReasonCodeExpired},
		{"at issue minus skew", t0.Add(-skew), ReasonOK},
		{"one second earlier", t0.Add(-skew - time.Second), ReasonNotYetValid},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t)
			code := f.notice()
			f.now = c.now
			f.bundle.IssuedAt = c.now.Add(-time.Hour)
			wantReason(t, f.verify(code), c.reason)
		})
	}
}

func TestVerifyHolderFreshness(t *testing.T) {
	ttl, skew := DefaultTTL, DefaultSkew
	cases := []struct {
		name   string
		code   time.Duration // code time relative to now
		reason Reason
	}{
		{"fresh", 0, ReasonOK},
		{"at TTL plus skew", -(ttl + skew), ReasonOK},
		{"one second past TTL plus skew", -(ttl + skew + time.Second), ReasonHolderCodeStale},
		{"ahead by skew", skew, ReasonOK},
		{"ahead by skew plus one second", skew + time.Second, ReasonHolderClockAhead},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t)
			f.now = t0.Add(10 * time.Minute)
			wantReason(t, f.verify(f.essc(f.holder(), f.now.Add(c.code))), c.reason)
		})
	}
}

func TestVerifyHolderBinding(t *testing.T) {
	f := newFixture(t)
	h := f.holder()

	t.Run("replayed", func(t *testing.T) {
		code := f.essc(h, t0)
		v := f.verifier()
		wantReason(t, v.Verify(context.Background(), code), ReasonOK)
		wantReason(t, v.Verify(context.Background(), code), ReasonReplayed)
	})
	t.Run("credential copied to another phone", func(t *testing.T) {
		_, other, _ := ed25519.GenerateKey(rand.Reader)
		thief := &Holder{DeviceKey: other, Credential: h.Credential, Claims: h.Claims, d: h.d}
		wantReason(t, f.verify(f.essc(thief, t0)), ReasonHolderSignatureBad)
	})
	t.Run("proof time moved", func(t *testing.T) {
		c := newTestCodec(t)
		var env esscEnvelope
		if err := c.decode(unpack(t, f.essc(h, t0)), &env); err != nil {
			t.Fatal(err)
		}
		env.Time += 20
		wantReason(t, f.verify(repack(t, PrefixESSC, c.mustEncode(t, env))), ReasonHolderSignatureBad)
	})
	t.Run("nonce log fails", func(t *testing.T) {
		g := newFixture(t)
		g.nonces.err = errStore
		wantReason(t, g.verify(g.essc(g.holder(), t0)), ReasonStoreError)
	})
}

func TestVerifyRevocation(t *testing.T) {
	for _, essc := range []bool{false, true} {
		f := newFixture(t)
		code, id := f.notice(), ""
		if essc {
			h := f.holder()
			code, id = f.essc(h, t0), h.Claims.ID
		} else {
			p, err := f.issuer.d.Decode(code)
			if err != nil {
				t.Fatal(err)
			}
			id = p.Claims.ID
		}
		f.bundle.RevokedCredentials = []string{"AAAAAAAAAAAAAAAA", id}
		wantReason(t, f.verify(code), ReasonCredentialRevoked)
		f.bundle.RevokedCredentials = nil
		f.bundle.RevokedKeys = []string{"K-ED-1"}
		f.nonces.seen = map[string]bool{}
		wantReason(t, f.verify(code), ReasonKeyRevoked)
	}
}

func TestVerifyLocalRecord(t *testing.T) {
	cases := []struct {
		name   string
		rec    PermitRecord
		err    error
		reason Reason
	}{
		{"cancelled after issue", PermitRecord{Found: true, Status: PermitCancelled}, nil, ReasonPermitCancelled},
		{"revoked after issue", PermitRecord{Found: true, Status: PermitRevoked}, nil, ReasonPermitRevoked},
		{"expired", PermitRecord{Found: true, Status: PermitExpired}, nil, ReasonPermitExpired},
		{"valid status, end passed", PermitRecord{Found: true, Status: PermitValid, ValidUntil: t0}, nil, ReasonPermitExpired},
		{"valid status, ends a second later", PermitRecord{Found: true, Status: PermitValid, ValidUntil: t0.Add(time.Second)}, nil, ReasonOK},
		{"not in the local store", PermitRecord{}, nil, ReasonPermitNotLocal},
		{"unknown status", PermitRecord{Found: true, Status: "suspended"}, nil, ReasonPermitStatusUnknown},
		{"store error", PermitRecord{}, errStore, ReasonStoreError},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t)
			f.permits.records[testPermit().Number] = c.rec
			f.permits.err = c.err
			r := f.verify(f.notice())
			wantReason(t, r, c.reason)
			if c.err != nil && !strings.Contains(r.Detail, errStore.Error()) {
				t.Errorf("detail %q does not carry the store error", r.Detail)
			}
		})
	}
}

func TestVerifyTrustState(t *testing.T) {
	cases := []struct {
		name   string
		setup  func(f *fixture)
		reason Reason
	}{
		{"no trust bundle", func(f *fixture) { f.noBundle = true }, ReasonNoTrustBundle},
		{"bundle at max age", func(f *fixture) { f.bundle.IssuedAt = t0.Add(-DefaultMaxBundleAge) }, ReasonOK},
		{"bundle past max age", func(f *fixture) { f.bundle.IssuedAt = t0.Add(-DefaultMaxBundleAge - time.Second) }, ReasonBundleStale},
		{"bundle from the future", func(f *fixture) { f.bundle.IssuedAt = t0.Add(DefaultSkew + time.Second) }, ReasonClockRollback},
		{"clock behind last sync", func(f *fixture) { f.lastSync = t0.Add(DefaultSkew + time.Second) }, ReasonClockRollback},
		{"clock at last sync minus skew", func(f *fixture) { f.lastSync = t0.Add(DefaultSkew) }, ReasonOK},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t)
			c.setup(f)
			wantReason(t, f.verify(f.notice()), c.reason)
		})
	}
}

func TestVerifierConcurrent(t *testing.T) {
	// One Verifier serves the scan screen and `onecard verify` alike; the same code
	// scanned on several goroutines passes exactly once.
	f := newFixture(t)
	v := f.verifier()
	code := f.essc(f.holder(), t0)
	results := make(chan Reason, 8)
	for range 8 {
		go func() { results <- v.Verify(context.Background(), code).Reason }()
	}
	counts := map[Reason]int{}
	for range 8 {
		counts[<-results]++
	}
	if counts[ReasonOK] != 1 || counts[ReasonReplayed] != 7 {
		t.Fatalf("reasons %v, want one ok and seven replayed", counts)
	}
}

package credential

import (
	"context"
	"crypto/ed25519"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/veraison/go-cose"
)

// t0 is the fixed "now" of the tests; no test reads the wall clock.
var t0 = time.Date(2025, 6, 1, 10, 0, 0, 0, time.UTC)

func testPermit() Permit {
	return Permit{
		Number: "ZA1234567890ABCDEF", Surname: "Müller", GivenNames: "Anna Maria",
		Nationality: "DEU", BirthDate: "1988-03-14", Category: "B", Employer: "ACME Shanghai Ltd",
		ValidFrom: "2025-01-01", ValidUntil: "2026-12-31",
	}
}

// memPermits is an in-memory PermitRecords.
type memPermits struct {
	records map[string]PermitRecord
	err     error
}

func (m *memPermits) PermitStatus(_ context.Context, n string) (PermitRecord, error) {
	if m.err != nil {
		return PermitRecord{}, m.err
	}
	return m.records[n], nil
}

// memNonces is an in-memory NonceLog.
type memNonces struct {
	mu   sync.Mutex
	seen map[string]bool
	err  error
}

func (m *memNonces) SeenNonce(_ context.Context, id string, nonce []byte, _ time.Time) (bool, error) {
	if m.err != nil {
		return false, m.err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	k := id + "/" + string(nonce)
	seen := m.seen[k]
	m.seen[k] = true
	return seen, nil
}

var errStore = errors.New("disk on fire")

// fixture is a central issuer with two keys (EdDSA and ES256), a root, and a terminal
// whose store holds the test permit as valid.
type fixture struct {
	t        testing.TB
	root     ed25519.PrivateKey
	ed, es   IssuerKey
	issuer   *Issuer
	bundle   Bundle
	permits  *memPermits
	nonces   *memNonces
	now      time.Time
	lastSync time.Time
	noBundle bool
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	_, root, err := GenerateRootKey()
	if err != nil {
		t.Fatal(err)
	}
	ed := mustKey(t, "K-ED-1", AlgEdDSA, t0.AddDate(-1, 0, 0), t0.AddDate(2, 0, 0), UseNotice, UseESSC)
	es := mustKey(t, "K-ES-1", AlgES256, t0.AddDate(-2, 0, 0), t0.AddDate(2, 0, 0), UseNotice, UseESSC)
	is, err := NewIssuer(ed)
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{
		t: t, root: root, ed: ed, es: es, issuer: is,
		bundle: Bundle{Version: 3, IssuedAt: t0.Add(-time.Hour), Keys: []KeyInfo{ed.KeyInfo, es.KeyInfo}},
		permits: &memPermits{records: map[string]PermitRecord{
			testPermit().Number: {Found: true, Status: PermitValid, ValidUntil: t0.AddDate(1, 7, 0)},
		}},
		nonces: &memNonces{seen: map[string]bool{}},
		now:    t0,
	}
}

func mustKey(t testing.TB, id string, alg cose.Algorithm, nb, na time.Time, uses ...Use) IssuerKey {
	t.Helper()
	k, err := GenerateIssuerKey(id, alg, nb, na, uses...)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// verifier builds a Verifier the way a terminal does: the bundle goes through
// SignBundle and ParseBundle against the pinned root.
func (f *fixture) verifier() *Verifier {
	f.t.Helper()
	var b *Bundle
	if !f.noBundle {
		data, err := SignBundle(f.bundle, f.root)
		if err != nil {
			f.t.Fatal(err)
		}
		b, err = ParseBundle(data, f.root.Public().(ed25519.PublicKey), 0)
		if err != nil {
			f.t.Fatal(err)
		}
	}
	now := f.now
	v, err := NewVerifier(Config{Bundle: b, Permits: f.permits, Nonces: f.nonces,
		Clock: func() time.Time { return now }, LastSync: f.lastSync})
	if err != nil {
		f.t.Fatal(err)
	}
	return v
}

func (f *fixture) verify(payload string) Result {
	f.t.Helper()
	return f.verifier().Verify(context.Background(), payload)
}

func (f *fixture) notice() string {
	f.t.Helper()
	s, err := f.issuer.IssueNotice(testPermit(), t0)
	if err != nil {
		f.t.Fatal(err)
	}
	return s
}

func (f *fixture) holder() *Holder {
	f.t.Helper()
	h, err := f.issuer.NewHolder(testPermit(), t0)
	if err != nil {
		f.t.Fatal(err)
	}
	return h
}

func (f *fixture) essc(h *Holder, at time.Time) string {
	f.t.Helper()
	s, err := h.Code(at)
	if err != nil {
		f.t.Fatal(err)
	}
	return s
}

func wantReason(t *testing.T, r Result, reason Reason) {
	t.Helper()
	if r.Reason != reason || r.Verdict != VerdictOf(reason) {
		t.Fatalf("got %s/%s (%s), want %s/%s", r.Verdict, r.Reason, r.Detail, VerdictOf(reason), reason)
	}
}

package trust

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"onecard/config"
	"onecard/credential"
	"onecard/domain"
	"onecard/identity"
	"onecard/store"
)

var now = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)

type rig struct {
	st       *store.Store
	cfg      config.Config
	rootPriv []byte
	key      credential.IssuerKey
}

func newRig(t *testing.T) rig {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "kiosk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	pub, priv, err := credential.GenerateRootKey()
	if err != nil {
		t.Fatal(err)
	}
	key, err := credential.GenerateIssuerKey("k1", credential.AlgEdDSA, now.AddDate(-1, 0, 0), now.AddDate(1, 0, 0), credential.UseNotice)
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Default()
	cfg.TrustRoot = EncodeRoot(pub)
	return rig{st: st, cfg: cfg, rootPriv: priv, key: key}
}

func (r rig) bundle(t *testing.T, version uint64, priv []byte) []byte {
	t.Helper()
	raw, err := credential.SignBundle(credential.Bundle{Version: version, IssuedAt: now.Add(-time.Hour),
		Keys: []credential.KeyInfo{r.key.KeyInfo}}, priv)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func (r rig) bundleRevoking(t *testing.T, version uint64, cred string) []byte {
	t.Helper()
	raw, err := credential.SignBundle(credential.Bundle{Version: version, IssuedAt: now.Add(-time.Hour),
		Keys: []credential.KeyInfo{r.key.KeyInfo}, RevokedCredentials: []string{cred}}, r.rootPriv)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func TestInstallFile(t *testing.T) {
	ctx := context.Background()
	r := newRig(t)
	if _, err := InstallFile(ctx, r.st, r.cfg, r.bundle(t, 2, r.rootPriv), now); err != nil {
		t.Fatal(err)
	}
	_, otherRoot, _ := credential.GenerateRootKey()
	for name, raw := range map[string][]byte{
		"another root":  r.bundle(t, 3, otherRoot),
		"older version": r.bundle(t, 1, r.rootPriv),
		"other content under the installed version": r.bundleRevoking(t, 2, "cred-9"),
		"truncated": r.bundle(t, 3, r.rootPriv)[:40],
	} {
		if _, err := InstallFile(ctx, r.st, r.cfg, raw, now); err == nil {
			t.Errorf("%s: installed", name)
		}
	}
	if b, err := r.st.TrustBundle(ctx); err != nil || b.Version != 2 {
		t.Fatalf("installed bundle after refusals: %+v, %v", b, err)
	}
	if _, err := InstallFile(ctx, r.st, r.cfg, r.bundle(t, 2, r.rootPriv), now); err != nil {
		t.Fatalf("the installed bundle again: %v", err)
	}
	cfg := r.cfg
	cfg.TrustRoot = ""
	if _, err := InstallFile(ctx, r.st, cfg, r.bundle(t, 3, r.rootPriv), now); !errors.Is(err, ErrNoRoot) {
		t.Fatalf("no pinned root: err = %v", err)
	}
}

func TestNewVerifierRefusesEditedBundle(t *testing.T) {
	ctx := context.Background()
	r := newRig(t)
	if _, err := InstallFile(ctx, r.st, r.cfg, r.bundle(t, 1, r.rootPriv), now); err != nil {
		t.Fatal(err)
	}
	if _, err := NewVerifier(ctx, r.st, r.cfg, func() time.Time { return now }); err != nil {
		t.Fatal(err)
	}
	db, _ := sql.Open("sqlite3", r.st.Path())
	defer db.Close()
	// Flip the last byte: setting it to a fixed value would leave it unedited once in 256 runs.
	var raw []byte
	if err := db.QueryRow(`SELECT raw FROM trust_bundle`).Scan(&raw); err != nil {
		t.Fatal(err)
	}
	raw[len(raw)-1] ^= 0xff
	if _, err := db.Exec(`UPDATE trust_bundle SET raw = ?`, raw); err != nil {
		t.Fatal(err)
	}
	if _, err := NewVerifier(ctx, r.st, r.cfg, func() time.Time { return now }); err == nil {
		t.Fatal("a bundle edited in the store was accepted")
	}
}

func TestPermitRegister(t *testing.T) {
	ctx := context.Background()
	r := newRig(t)
	cst := time.FixedZone("CST", 8*3600)
	reg := permitRegister{st: r.st, loc: cst}
	if rec, err := reg.PermitStatus(ctx, "310000W00000000001"); err != nil || rec.Found {
		t.Fatalf("unknown permit: %+v, %v", rec, err)
	}
	p := domain.Person{ID: 1, Surname: "Tan", GivenNames: "Wei Ming", Nationality: "SGP", Sex: domain.SexMale,
		BirthDate: domain.MustDate("1990-01-01"), PassportNumber: "K1234567", PassportExpiry: domain.MustDate("2030-01-01"),
		Region: "310000", UpdatedAt: now}
	w := domain.WorkPermit{Number: "310000W00000000001", PersonID: 1, Category: domain.CategoryB, Track: domain.TrackOver90,
		EmployerName: "Jade", EmployerUSCC: "91310000000000012X", Position: "Chef", Region: "310000",
		ValidFrom: domain.MustDate("2025-01-01"), ValidUntil: domain.MustDate("2026-12-31"), Status: domain.PermitRevoked,
		Form: domain.FormElectronic, UpdatedAt: now}
	c, _ := identity.USCCCheck(w.EmployerUSCC[:17])
	w.EmployerUSCC = w.EmployerUSCC[:17] + string(c)
	if err := r.st.Update(ctx, func(wr *store.Writer) error {
		if err := wr.PutPerson(ctx, p); err != nil {
			return err
		}
		return wr.PutPermit(ctx, w)
	}); err != nil {
		t.Fatal(err)
	}
	rec, err := reg.PermitStatus(ctx, w.Number)
	if err != nil || !rec.Found || rec.Status != credential.PermitRevoked {
		t.Fatalf("revoked permit: %+v, %v", rec, err)
	}
	// Valid through 2026-12-31 in China: it ends at 2027-01-01 00:00 CST.
	if want := time.Date(2027, 1, 1, 0, 0, 0, 0, cst); !rec.ValidUntil.Equal(want) {
		t.Fatalf("valid until %v, want %v", rec.ValidUntil, want)
	}
}

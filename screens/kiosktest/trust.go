package kiosktest

import (
	"context"
	"testing"
	"time"

	"onecard/credential"
	"onecard/store"
	"onecard/trust"
)

// Trust dates the kiosk's QR trust by its fixed clock, so that codes minted in a test
// verify the same way on every run: a new root pinned in the context's config, a bundle
// with one issuer key installed an hour before the clock, and central's clock at the
// last sync an hour before too. It returns that issuer, and a second one whose key the
// bundle does not list. c.Verify checks codes on the fixed clock.
func (k *Kiosk) Trust(tb testing.TB) (issuer, unlisted *credential.Issuer) {
	tb.Helper()
	ctx := context.Background()
	now := k.Clock.Now()
	rootPub, rootPriv, err := credential.GenerateRootKey()
	if err != nil {
		tb.Fatal(err)
	}
	newIssuer := func(id string) *credential.Issuer {
		ik, err := credential.GenerateIssuerKey(id, credential.AlgEdDSA, now.AddDate(-1, 0, 0), now.AddDate(1, 0, 0),
			credential.UseNotice, credential.UseESSC)
		if err != nil {
			tb.Fatal(err)
		}
		is, err := credential.NewIssuer(ik)
		if err != nil {
			tb.Fatal(err)
		}
		return is
	}
	issuer, unlisted = newIssuer("test-issuer"), newIssuer("test-issuer-unlisted")
	signing, err := issuer.Key(credential.UseNotice, now)
	if err != nil {
		tb.Fatal(err)
	}
	// A version above any the seed's central published, so it replaces that bundle.
	raw, err := credential.SignBundle(credential.Bundle{Version: 1_000_000, IssuedAt: now.Add(-time.Hour),
		Keys: []credential.KeyInfo{signing.KeyInfo}}, rootPriv)
	if err != nil {
		tb.Fatal(err)
	}
	k.C.Config.TrustRoot = trust.EncodeRoot(rootPub)
	if _, err := trust.InstallFile(ctx, k.Store, k.C.Config, raw, now); err != nil {
		tb.Fatal(err)
	}
	if err := k.Store.Update(ctx, func(w *store.Writer) error {
		return w.SetState(ctx, trust.StateServerTime, now.Add(-time.Hour).Format(time.RFC3339))
	}); err != nil {
		tb.Fatal(err)
	}
	k.C.Verify = trust.NewLive(k.Store, k.C.Config, k.Clock.Now)
	return issuer, unlisted
}

// Notice mints the Notification-Letter code of a permit in the kiosk's store, ten
// minutes before the clock.
func (k *Kiosk) Notice(tb testing.TB, issuer *credential.Issuer, number string) string {
	tb.Helper()
	ctx := context.Background()
	w, err := k.Store.Permit(ctx, number)
	if err != nil {
		tb.Fatal(err)
	}
	p, err := k.Store.Person(ctx, w.PersonID)
	if err != nil {
		tb.Fatal(err)
	}
	code, err := issuer.IssueNotice(credential.PermitOf(p, w), k.Clock.Now().Add(-10*time.Minute))
	if err != nil {
		tb.Fatal(err)
	}
	return code
}

package realname_test

import (
	"context"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"onecard/app"
	"onecard/domain"
	"onecard/screens/kiosktest"
	"onecard/screens/mrzform/mrztest"
	"onecard/screens/realname"
	"onecard/store"
)

func key(r rune) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}} }

var enter = tea.KeyMsg{Type: tea.KeyEnter}

// authenticate reads the passport into m line by line, checks the photo and records.
func authenticate(t *testing.T, m *realname.Model, lines []string, photo rune) []app.ErrMsg {
	t.Helper()
	var errs []app.ErrMsg
	for _, l := range lines {
		errs = append(errs, mrztest.Drive(m, app.ScanMsg{Source: "reader", Payload: l})...)
	}
	errs = append(errs, mrztest.Drive(m, key(photo))...)
	return append(errs, mrztest.Drive(m, enter)...)
}

func open(t *testing.T) (*kiosktest.Kiosk, store.Record) {
	t.Helper()
	dir, _ := kiosktest.Seed(t, population)
	k := kiosktest.Open(t, dir, "en")
	k.SignIn(t, "C1001")
	return k, find(t, k.Store, withESSC)
}

func TestUpdateRecordsAuthentication(t *testing.T) {
	k, rec := open(t)
	m := realname.New(k.C, 0)
	m.SetSize(100, 30)
	if errs := authenticate(t, m, mrztest.Of(rec.Person).TD3(t), 'p'); len(errs) > 0 {
		t.Fatal(errs)
	}
	if m.Outcome() != "authenticated" {
		t.Fatalf("outcome %q", m.Outcome())
	}
	checkRecorded(t, k.Store, rec, domain.OutcomeOK, domain.RealNameAuthenticated)
}

func TestUpdateRecordsRefusal(t *testing.T) {
	k, rec := open(t)
	m := realname.New(k.C, rec.Person.ID)
	m.SetSize(100, 30)
	doc := mrztest.Of(rec.Person)
	doc.Number = "X" + doc.Number[1:]
	if errs := authenticate(t, m, doc.TD3(t), 'p'); len(errs) > 0 {
		t.Fatal(errs)
	}
	if m.Outcome() != "mismatch" {
		t.Fatalf("outcome %q", m.Outcome())
	}
	checkRecorded(t, k.Store, rec, domain.OutcomeDenied, "")
}

func TestUpdateNeedsThePhotoCheck(t *testing.T) {
	k, rec := open(t)
	m := realname.New(k.C, 0)
	m.SetSize(100, 30)
	for _, l := range mrztest.Of(rec.Person).TD3(t) {
		mrztest.Drive(m, app.ScanMsg{Source: "reader", Payload: l})
	}
	mrztest.Drive(m, enter)
	if m.Outcome() != "" || len(kiosktest.AuditEvents(t, k.Store)) != 0 {
		t.Fatalf("recorded %q without the photo check: %v", m.Outcome(), kiosktest.AuditEvents(t, k.Store))
	}
}

func TestUpdateStoreErrorWritesNothing(t *testing.T) {
	k, rec := open(t)
	lift := mrztest.FailOutbox(t, k.Store)
	m := realname.New(k.C, 0)
	m.SetSize(100, 30)
	errs := authenticate(t, m, mrztest.Of(rec.Person).TD3(t), 'p')
	if len(errs) != 1 || m.Outcome() != "" {
		t.Fatalf("errors %v, outcome %q", errs, m.Outcome())
	}
	after, err := k.Store.Record(context.Background(), rec.Person.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.ESSC.RealName != rec.ESSC.RealName || len(kiosktest.AuditEvents(t, k.Store)) != 0 {
		t.Fatalf("half-written: e-SSC %+v, audit %v", after.ESSC, kiosktest.AuditEvents(t, k.Store))
	}
	// The review is still up: once the store works again, Enter records it.
	lift()
	if errs := mrztest.Drive(m, enter); len(errs) > 0 {
		t.Fatal(errs)
	}
	checkRecorded(t, k.Store, rec, domain.OutcomeOK, domain.RealNameAuthenticated)
}

func TestUpdateUnknownPassport(t *testing.T) {
	k, rec := open(t)
	m := realname.New(k.C, 0)
	m.SetSize(100, 30)
	doc := mrztest.Of(rec.Person)
	doc.Number = "ZZ9999999"
	for _, l := range doc.TD3(t) {
		mrztest.Drive(m, app.ScanMsg{Source: "reader", Payload: l})
	}
	es, err := k.Store.AuditEntries(context.Background(), store.AuditFilter{Event: "realname"})
	if err != nil || len(es) != 1 || es[0].Outcome != domain.OutcomeFailed || es[0].Subject != "" {
		t.Fatalf("audit %+v, %v", es, err)
	}
	if n, err := k.Store.CountPending(context.Background()); err != nil || n != 0 {
		t.Fatalf("%d events for central about no one (%v)", n, err)
	}
}

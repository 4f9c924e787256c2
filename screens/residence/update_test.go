package residence_test

import (
	"context"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"onecard/app"
	"onecard/demodata"
	"onecard/domain"
	rules "onecard/residence"
	"onecard/screens/kiosktest"
	"onecard/screens/mrzform/mrztest"
	"onecard/screens/residence"
)

func runes(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

// decide drives m from a typed permit number to a decision with every document ticked.
func decide(t *testing.T, m *residence.Model, permit string, lines []string, entry domain.Date) []app.ErrMsg {
	t.Helper()
	var errs []app.ErrMsg
	send := func(msgs ...tea.Msg) {
		for _, msg := range msgs {
			errs = append(errs, mrztest.Drive(m, msg)...)
		}
	}
	send(runes(permit), tea.KeyMsg{Type: tea.KeyEnter})
	for _, l := range lines {
		send(app.ScanMsg{Source: "reader", Payload: l})
	}
	send(runes("p"), tea.KeyMsg{Type: tea.KeyEnter}, runes(entry.String()), tea.KeyMsg{Type: tea.KeyDown}, tea.KeyMsg{Type: tea.KeyDown})
	for range rules.DefaultPolicy().Required(true) {
		send(tea.KeyMsg{Type: tea.KeyDown}, runes(" "))
	}
	send(tea.KeyMsg{Type: tea.KeyEnter})
	return errs
}

func TestUpdateStoreErrorWritesNothing(t *testing.T) {
	dir, demo := kiosktest.Seed(t, population)
	k := kiosktest.Open(t, dir, "en")
	k.SignIn(t, "E2001")
	w, rec := holderOf(t, k.Store, demo, demodata.StateValid)
	lift := mrztest.FailOutbox(t, k.Store)
	m := residence.NewWith(k.C, residence.Slips{Dir: t.TempDir()})
	m.SetSize(100, 30)
	mrztest.Drive(m, m.Init()())
	lines := mrztest.Of(rec.Person).TD3(t)
	errs := decide(t, m, w.Number, lines, k.C.Today().AddDays(-3))
	if _, ref := m.Decision(); len(errs) != 1 || ref != "" {
		t.Fatalf("errors %v, ref %q", errs, ref)
	}
	after, err := k.Store.Record(context.Background(), rec.Person.ID)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := k.Store.CountPending(context.Background()); len(after.Verifications) != 0 || n != 0 ||
		len(kiosktest.AuditEvents(t, k.Store)) != 0 {
		t.Fatalf("half-written: %+v, %d events, audit %v", after.Verifications, n, kiosktest.AuditEvents(t, k.Store))
	}
	// The form is still up; once the store works, Enter records it under the first number.
	lift()
	if errs := mrztest.Drive(m, tea.KeyMsg{Type: tea.KeyEnter}); len(errs) > 0 {
		t.Fatal(errs)
	}
	d, ref := m.Decision()
	if d.Outcome != domain.DecisionEligible || ref != "RV-TEST-0001-20250601-1" {
		t.Fatalf("decision %s, ref %q", d.Outcome, ref)
	}
	checkRecorded(t, k.Store, rec.Person.ID, w.Number, ref, domain.DecisionEligible, domain.OutcomeOK)
}

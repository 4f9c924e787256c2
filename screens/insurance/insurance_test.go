package insurance_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"onecard/domain"
	rules "onecard/insurance"
	"onecard/screens/insurance"
	"onecard/screens/kiosktest"
	"onecard/store"
	"onecard/sync"
)

func init() { lipgloss.SetColorProfile(termenv.Ascii) }

const population = 400

// find returns the first record in the kiosk's store that want accepts.
func find(t *testing.T, st *store.Store, want func(store.Record) bool) store.Record {
	t.Helper()
	for id := int64(1); id <= population; id++ {
		rec, err := st.Record(context.Background(), id)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if want(rec) {
			return rec
		}
	}
	t.Fatal("no such record in the population")
	return store.Record{}
}

func TestRegistration(t *testing.T) {
	day := domain.MustDate(kiosktest.Today)
	unregistered := func(status domain.PermitStatus, exempt bool) func(store.Record) bool {
		return func(r store.Record) bool {
			p := r.CurrentPermit()
			covered := rules.DefaultAgreements().Exemptions(r.Person.Nationality, day) != nil
			return p != nil && p.EffectiveStatus(day) == status && len(r.Registrations) == 0 && covered == exempt
		}
	}
	tests := []struct {
		name, lang string
		want       func(store.Record) bool
		exempt     bool
		recorded   bool
	}{
		{"late_exempt_en", "en", unregistered(domain.PermitValid, true), true, true},
		{"late_zh", "zh", unregistered(domain.PermitValid, false), false, true},
		{"expired_en", "en", unregistered(domain.PermitExpired, false), false, false},
		{"cancelled_zh", "zh", unregistered(domain.PermitCancelled, false), false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir, _ := kiosktest.Seed(t, population)
			k := kiosktest.Open(t, dir, tc.lang)
			k.SignIn(t, "C1001")
			rec := find(t, k.Store, tc.want)
			permit := rec.CurrentPermit()
			tm := k.Run(t, insurance.New, 100, 30)
			kiosktest.Type(tm, permit.Number)
			kiosktest.Key(tm, tea.KeyEnter)
			// Wait for the registration form (its USCC field), not just the typed number,
			// before typing into it.
			kiosktest.WaitFor(t, tm, k.C.Text.T("ins.uscc"))
			kiosktest.Type(tm, permit.EmployerUSCC)
			if tc.exempt {
				tm.Send(tea.KeyMsg{Type: tea.KeyCtrlE})
			}
			kiosktest.Key(tm, tea.KeyEnter)
			if tc.recorded {
				kiosktest.WaitFor(t, tm, k.C.Text.T("ins.confirm"))
				kiosktest.Key(tm, tea.KeyEnter)
				// The reference, and the status bar counting the queued event once its
				// refresh has run.
				kiosktest.WaitFor(t, tm, "REG-TEST-0001-1", map[string]string{"zh": "待同步 1", "en": "outbox 1"}[tc.lang])
			} else {
				kiosktest.WaitAudit(t, k.Store, "insurance_register", "denied")
			}
			_, view := kiosktest.Final(t, tm)
			teatest.RequireEqualOutput(t, []byte(view))
			checkRecorded(t, k.Store, rec, tc.recorded, tc.exempt)
		})
	}
}

// checkRecorded checks the store after the flow: a recorded registration is pending,
// audited and queued; a refused one left nothing but its audit entry.
func checkRecorded(t *testing.T, st *store.Store, rec store.Record, recorded, exempt bool) {
	t.Helper()
	ctx := context.Background()
	after, err := st.Record(ctx, rec.Person.ID)
	if err != nil {
		t.Fatal(err)
	}
	pending, err := kiosktest.CounterEvents(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	var queued []domain.OutboxEvent
	for _, e := range pending {
		if e.Kind == sync.EventKindRegistration {
			queued = append(queued, e)
		}
	}
	if !recorded {
		if len(after.Registrations) != 0 || len(queued) != 0 {
			t.Fatalf("refused registration left %+v, %d events", after.Registrations, len(queued))
		}
		return
	}
	if len(after.Registrations) != 1 || len(queued) != 1 {
		t.Fatalf("registrations %+v, %d events queued", after.Registrations, len(queued))
	}
	r := after.Registrations[0]
	if r.ID != "REG-TEST-0001-1" || r.Status != domain.RegistrationPending || !r.Late || r.PermitNumber != rec.CurrentPermit().Number {
		t.Fatalf("registration %+v", r)
	}
	if exempt != (len(r.Exempt) > 0) || exempt && !slices.Equal(r.Exempt, rules.DefaultAgreements().Exemptions(rec.Person.Nationality, r.RegisteredOn)) {
		t.Fatalf("exemptions %v", r.Exempt)
	}
	kiosktest.WaitAudit(t, st, "insurance_register", "ok")
}

package card_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"onecard/domain"
	rules "onecard/insurance"
	"onecard/screens/card"
	"onecard/screens/kiosktest"
	"onecard/store"
	"onecard/sync"
)

func init() { lipgloss.SetColorProfile(termenv.Ascii) }

const population = 400

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
		if want(rec) && rec.CurrentPermit() != nil {
			return rec
		}
	}
	t.Fatal("no such record in the population")
	return store.Record{}
}

func hasSSN(r store.Record) bool { return r.ESSC != nil && r.ESSC.SSN != "" }

func TestCardScreen(t *testing.T) {
	tests := []struct {
		name, lang string
		want       func(store.Record) bool
		keys       func(tm *teatest.TestModel)
		kind       string           // the event queued, "" for none
		action     rules.CardAction // what the event asks
	}{
		{"freeze_en", "en", func(r store.Record) bool { return r.Card != nil && r.Card.State == domain.CardNormal && hasSSN(r) },
			func(tm *teatest.TestModel) { kiosktest.Type(tm, "3") }, sync.EventKindCardAction, rules.ActionFreeze},
		{"apply_zh", "zh", func(r store.Record) bool { return r.Card == nil && hasSSN(r) },
			func(tm *teatest.TestModel) {
				kiosktest.Type(tm, "1")
				kiosktest.Type(tm, "PR-2025-0601")
				kiosktest.Key(tm, tea.KeyTab)
				kiosktest.Type(tm, "工商银行浦东支行")
				kiosktest.Key(tm, tea.KeyEnter)
			}, sync.EventKindCardApplication, rules.ActionApply},
		{"apply_without_ssn_en", "en", func(r store.Record) bool { return r.Card == nil && !hasSSN(r) },
			func(tm *teatest.TestModel) {
				kiosktest.Type(tm, "1")
				kiosktest.Type(tm, "PR-1")
				kiosktest.Key(tm, tea.KeyTab)
				kiosktest.Type(tm, "ICBC")
				kiosktest.Key(tm, tea.KeyEnter)
			}, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir, _ := kiosktest.Seed(t, population)
			k := kiosktest.Open(t, dir, tc.lang)
			k.SignIn(t, "C1001")
			rec := find(t, k.Store, tc.want)
			tm := k.Run(t, card.New, 100, 30)
			kiosktest.Type(tm, rec.CurrentPermit().Number)
			kiosktest.Key(tm, tea.KeyEnter)
			kiosktest.WaitFor(t, tm, k.C.Text.T("cards.history"))
			tc.keys(tm)
			if tc.kind == "" {
				kiosktest.WaitAudit(t, k.Store, "card_apply", "denied")
				kiosktest.WaitFor(t, tm, rules.Message(rules.ReasonNoSSN, tc.lang)[:12])
			} else {
				kiosktest.WaitFor(t, tm, k.C.Text.T("key.confirm"))
				kiosktest.Key(tm, tea.KeyEnter)
				// The request shows as waiting once the screen has reloaded the outbox.
				// The status bar counts the queued event once its refresh has run.
				kiosktest.WaitFor(t, tm, k.C.Text.T("cards.queued")[:12], strings.Split(k.C.Text.T("cards.waiting"), "%")[0],
					map[string]string{"zh": "待同步 1", "en": "outbox 1"}[tc.lang])
				kiosktest.WaitAudit(t, k.Store, "card_"+string(tc.action), "ok")
			}
			_, view := kiosktest.Final(t, tm)
			teatest.RequireEqualOutput(t, []byte(view))
			checkQueued(t, k.Store, rec, tc.kind, tc.action)
		})
	}
}

// checkQueued checks the one card request in the outbox, or that there is none.
func checkQueued(t *testing.T, st *store.Store, rec store.Record, kind string, action rules.CardAction) {
	t.Helper()
	pending, err := kiosktest.CounterEvents(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	var got []domain.OutboxEvent
	for _, e := range pending {
		if e.Kind == sync.EventKindCardAction || e.Kind == sync.EventKindCardApplication {
			got = append(got, e)
		}
	}
	if kind == "" {
		if len(got) != 0 {
			t.Fatalf("refused application queued %+v", got)
		}
		return
	}
	if len(got) != 1 || got[0].Kind != kind {
		t.Fatalf("queued %+v, want one %s", got, kind)
	}
	var ev struct {
		Ref      string                 `json:"ref"`
		PersonID int64                  `json:"person_id"`
		Action   rules.CardAction       `json:"action"`
		From     domain.CardState       `json:"from"`
		Bank     string                 `json:"bank_branch"`
		Extra    map[string]interface{} `json:"-"`
	}
	if err := json.Unmarshal(got[0].Payload, &ev); err != nil {
		t.Fatal(err)
	}
	if ev.Ref != "CARD-TEST-0001-1" || ev.PersonID != rec.Person.ID {
		t.Fatalf("event %+v", ev)
	}
	if action == rules.ActionApply && ev.Bank != "工商银行浦东支行" || action != rules.ActionApply && (ev.Action != action || ev.From != rec.Card.State) {
		t.Fatalf("event %+v", ev)
	}
}

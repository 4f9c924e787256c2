package sync_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"onecard/central/centraltest"
	"onecard/domain"
	"onecard/insurance"
	"onecard/store"
	"onecard/sync"
)

// cardRequest queues a card application or action as the card screen does.
func (k *kiosk) cardRequest(t *testing.T, kind string, payload func(ref string) any) {
	t.Helper()
	ctx := context.Background()
	err := k.st.Update(ctx, func(w *store.Writer) error {
		ref, err := w.NextRef(ctx, "CARD-"+k.cfg.TerminalID+"-")
		if err != nil {
			return err
		}
		b, err := json.Marshal(payload(ref))
		if err != nil {
			return err
		}
		_, err = w.Enqueue(ctx, kind, b, time.Now())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestCardLifecycleThroughCentral(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b centraltest.Backend) {
		ctx := context.Background()
		f := newFixture(t, b)
		f.load(t, 0, 1, region)
		p, permit := f.insured(t, 301, "USA", nil)
		k := f.enroll(t, "b1", region)
		c := k.client(t, sync.Options{})
		round := func() {
			t.Helper()
			if err := c.Round(ctx); err != nil {
				t.Fatal(err)
			}
		}
		at := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
		apply := func() {
			k.cardRequest(t, sync.EventKindCardApplication, func(ref string) any {
				return sync.EventCardApplication{Ref: ref, PersonID: p.ID, PhotoReceipt: "PR-1", BankBranch: "ICBC Pudong", At: at, StaffID: "C1001"}
			})
		}
		act := func(a insurance.CardAction, from domain.CardState) {
			at = at.Add(time.Minute)
			k.cardRequest(t, sync.EventKindCardAction, func(ref string) any {
				return sync.EventCardAction{Ref: ref, PersonID: p.ID, Action: a, From: from, At: at, StaffID: "C1001"}
			})
		}
		rejected := func(want ...insurance.Reason) {
			t.Helper()
			got := k.rejections(t)
			if len(got) != len(want) {
				t.Fatalf("rejections %v, want %v", got, want)
			}
			for i := range want {
				if got[len(got)-1-i] != want[i] { // newest first
					t.Fatalf("rejections %v, want %v", got, want)
				}
			}
		}
		round()
		apply() // no SSN yet
		round()
		rejected(insurance.ReasonNoSSN)
		k.register(t, p, permit)
		round()
		apply()
		round()
		history := []domain.CardState{domain.CardNotActivated}
		check := func() {
			t.Helper()
			rec := k.record(t, p.ID)
			want := history[len(history)-1]
			if rec.Card == nil || rec.Card.State != want || rec.Card.SSN != rec.ESSC.SSN {
				t.Fatalf("card %+v, want state %s", rec.Card, want)
			}
			h, err := k.st.CardHistory(ctx, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(h) != len(history) {
				t.Fatalf("history %+v, want %d lines", h, len(history))
			}
			for i, e := range h {
				if e.To != history[i] || e.Branch != "b1" || i > 0 && e.Action != insurance.ActionApply && e.From != history[i-1] {
					t.Fatalf("history line %d: %+v", i, e)
				}
			}
		}
		check()
		steps := []struct {
			a  insurance.CardAction
			to domain.CardState
		}{
			{insurance.ActionActivate, domain.CardNormal},
			{insurance.ActionReportOralLoss, domain.CardOralLoss},
			{insurance.ActionReportWrittenLoss, domain.CardWrittenLoss},
			{insurance.ActionLiftLoss, domain.CardNormal},
			{insurance.ActionFreeze, domain.CardFrozen},
			{insurance.ActionUnfreeze, domain.CardNormal},
		}
		for _, s := range steps {
			act(s.a, history[len(history)-1])
			round()
			history = append(history, s.to)
			check()
		}
		// A live card refuses a second application; an action the state does not
		// allow, or one confirmed on a state central has left, is refused.
		apply()
		act(insurance.ActionUnfreeze, domain.CardNormal)
		act(insurance.ActionFreeze, domain.CardFrozen)
		round()
		rejected(insurance.ReasonNoSSN, insurance.ReasonCardExists, insurance.ReasonCardTransition, insurance.ReasonCardTransition)
		check()
		act(insurance.ActionCancel, domain.CardNormal)
		round()
		history = append(history, domain.CardCancelled)
		check()
		// Once cancelled, a new card may be applied for.
		apply()
		round()
		history = append(history, domain.CardNotActivated)
		check()
	})
}

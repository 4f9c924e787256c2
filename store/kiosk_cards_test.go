package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"onecard/domain"
	"onecard/insurance"
	"onecard/store"
)

func TestCardHistory(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	rec := sampleRecord(t)
	ev := func(ref string, action insurance.CardAction, from, to domain.CardState, at time.Time) insurance.CardEvent {
		return insurance.CardEvent{ID: insurance.CardEventID(42, ref), PersonID: 42, Ref: ref, Action: action,
			From: from, To: to, At: at, Branch: "b1", StaffID: "C1001"}
	}
	apply := ev("CARD-T1-1", insurance.ActionApply, "", domain.CardNotActivated, stamp)
	activate := ev("CARD-T1-2", insurance.ActionActivate, domain.CardNotActivated, domain.CardNormal, stamp.Add(time.Hour))
	err := st.Update(ctx, func(w *store.Writer) error {
		if err := putRecord(ctx, w, rec); err != nil {
			return err
		}
		// Stored out of order and once twice: the history is by time, one line per id.
		for _, e := range []insurance.CardEvent{activate, apply, activate} {
			if err := w.PutCardEvent(ctx, e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := st.CardHistory(ctx, 42)
	if err != nil {
		t.Fatal(err)
	}
	want := []insurance.CardEvent{apply, activate}
	for i := range got {
		got[i].At = got[i].At.UTC()
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("history:\n got %+v\nwant %+v", got, want)
	}

	bad := ev("CARD-T1-3", insurance.ActionFreeze, domain.CardCancelled, domain.CardFrozen, stamp)
	if err := st.Update(ctx, func(w *store.Writer) error { return w.PutCardEvent(ctx, bad) }); err == nil {
		t.Fatal("stored a freeze of a cancelled card")
	}

	// Central removes one line; the person leaving the branch removes the rest.
	if err := st.Update(ctx, func(w *store.Writer) error { return w.DeleteSynced(ctx, "card_event", apply.ID) }); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.CardHistory(ctx, 42); len(got) != 1 || got[0].ID != activate.ID {
		t.Fatalf("after removing the application: %+v", got)
	}
	if err := st.Update(ctx, func(w *store.Writer) error { return w.DeletePerson(ctx, 42) }); err != nil {
		t.Fatal(err)
	}
	if got, err := st.CardHistory(ctx, 42); err != nil || len(got) != 0 {
		t.Fatalf("history after the person left: %+v, %v", got, err)
	}
}

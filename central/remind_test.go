package central_test

import (
	"context"
	"maps"
	"testing"
	"time"

	"onecard/central"
	"onecard/central/centraltest"
	"onecard/demodata"
	"onecard/domain"
)

// records returns every live record of the regions' holders, by region, kind and key.
func records(t *testing.T, db *central.DB, regions []string) map[string]string {
	t.Helper()
	docs := map[string]string{}
	for _, r := range regions {
		_, _, err := db.Changes(context.Background(), []string{r, "none", "none"}, 0, 1<<30,
			func(_ int64, kind, key, op string, doc []byte) error {
				docs[r+" "+kind+" "+key+" "+op] = string(doc)
				return nil
			})
		if err != nil {
			t.Fatal(err)
		}
	}
	return docs
}

// A seed makes each permit's expiry reminders as it loads it (LoadBatch.RemindLoaded);
// they must be exactly the ones Remind makes afterwards from the change log, and the
// rest of the load exactly what Tx's puts make.
func TestRemindLoadedMakesWhatRemindMakes(t *testing.T) {
	ctx := context.Background()
	today := domain.MustDate("2026-11-27")
	now := time.Date(2026, 11, 27, 1, 2, 3, 0, time.UTC)
	g := demodata.New(5, today)
	const n = 3000
	// One central loads through a batch, making reminders as it goes...
	inline := centraltest.SQLite(t)
	var b central.LoadBatch
	for i := range n {
		h := g.Holder(i)
		if err := h.WriteTo(ctx, &b); err != nil {
			t.Fatal(err)
		}
		if err := b.RemindLoaded(h.Permit, today, now); err != nil {
			t.Fatal(err)
		}
	}
	if err := inline.Load(ctx, func(tx *central.Tx) error { return tx.PutLoadBatch(ctx, &b) }); err != nil {
		t.Fatal(err)
	}
	// ...the other through Tx's puts, then runs the reminder job.
	after := centraltest.SQLite(t)
	err := after.Update(ctx, func(tx *central.Tx) error {
		for i := range n {
			if err := g.Holder(i).WriteTo(ctx, tx); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	made, err := after.Remind(ctx, today, now)
	if err != nil || made == 0 {
		t.Fatalf("Remind made %d reminders, %v: the population should be due some", made, err)
	}
	got, want := records(t, inline, g.Regions()), records(t, after, g.Regions())
	if len(want) < 3*n || !maps.Equal(got, want) {
		t.Fatalf("the batch loaded %d records, the puts and Remind %d; they differ", len(got), len(want))
	}
	if again, err := inline.Remind(ctx, today, now); err != nil || again != 0 {
		t.Fatalf("Remind after a load that made its reminders: %d more, %v", again, err)
	}
	var late central.LoadBatch
	if err := late.RemindLoaded(g.Holder(0).Permit, today, now); err != nil {
		t.Fatal(err)
	}
	err = inline.Update(ctx, func(tx *central.Tx) error { return tx.PutLoadBatch(ctx, &late) })
	if err == nil {
		t.Fatal("a load batch outside a fresh load should be refused: its reminders were made without looking for existing ones")
	}
}

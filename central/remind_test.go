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
	"onecard/sync"
)

// notifications returns every notification document central holds, by key.
func notifications(t *testing.T, db *central.DB, regions []string) map[string]string {
	t.Helper()
	docs := map[string]string{}
	for _, r := range regions {
		_, _, err := db.Changes(context.Background(), []string{r, sync.National, sync.BranchScope("none")}, 0, 1<<30,
			func(_ int64, kind, key, _ string, doc []byte) error {
				if kind == sync.KindNotification {
					docs[key] = string(doc)
				}
				return nil
			})
		if err != nil {
			t.Fatal(err)
		}
	}
	return docs
}

// A seed makes each permit's expiry reminders as it loads it (RemindLoaded); they must
// be exactly the ones Remind makes afterwards from the change log.
func TestRemindLoadedMakesWhatRemindMakes(t *testing.T) {
	ctx := context.Background()
	today := domain.MustDate("2026-11-27")
	now := time.Date(2026, 11, 27, 1, 2, 3, 0, time.UTC)
	g := demodata.New(5, today)
	load := func(db *central.DB, inline bool) {
		err := db.Load(ctx, func(tx *central.Tx) error {
			for i := range 3000 {
				h := g.Holder(i)
				if err := h.WriteTo(ctx, tx); err != nil {
					return err
				}
				if inline {
					if err := tx.RemindLoaded(ctx, h.Permit, today, now); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	inline, after := centraltest.SQLite(t), centraltest.SQLite(t)
	load(inline, true)
	load(after, false)
	made, err := after.Remind(ctx, today, now)
	if err != nil {
		t.Fatal(err)
	}
	got, want := notifications(t, inline, g.Regions()), notifications(t, after, g.Regions())
	if made == 0 || len(want) != made {
		t.Fatalf("Remind made %d reminders, central holds %d: the population should have some", made, len(want))
	}
	if !maps.Equal(got, want) {
		t.Fatalf("RemindLoaded made %d reminders, Remind %d; they differ", len(got), len(want))
	}
	if again, err := inline.Remind(ctx, today, now); err != nil || again != 0 {
		t.Fatalf("Remind after a load that made its reminders: %d more, %v", again, err)
	}
	err = inline.Update(ctx, func(tx *central.Tx) error {
		return tx.RemindLoaded(ctx, g.Holder(0).Permit, today, now)
	})
	if err == nil {
		t.Fatal("RemindLoaded outside a fresh load should be refused: it does not look for existing reminders")
	}
}

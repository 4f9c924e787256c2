package central_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"maps"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"onecard/central"
	"onecard/central/centraltest"
	"onecard/demodata"
	"onecard/domain"
	"onecard/sync"
)

// records returns every live record of the regions' holders, by region, kind and key.
func records(t *testing.T, db *central.DB, regions []string) map[string]string {
	t.Helper()
	docs := map[string]string{}
	for _, r := range regions {
		for _, c := range centraltest.Changes(t, db, []string{r, "none", "none"}, 0, 1<<30) {
			docs[r+" "+c.Kind+" "+c.Key+" "+c.Op] = string(c.Doc)
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

// The database writes the pull lines itself: each must be the JSON of its change,
// whatever its key holds, on both backends.
func TestChangeLinesAreJSON(t *testing.T) {
	ctx := context.Background()
	keys := []string{"plain", `quote"and\backslash`, "tab\tnewline\n", "<&>", "é長", "\u2028"}
	for _, be := range centraltest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			db := be.Open(t)
			err := db.Update(ctx, func(tx *central.Tx) error {
				for i, k := range keys {
					if err := tx.PutSetting(ctx, k, map[string]int{"n": i}); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			var page bytes.Buffer
			n, last, err := db.Changes(ctx, []string{"310000", sync.National, "none"}, 0, 100, &page)
			if err != nil || n != len(keys) {
				t.Fatalf("Changes: %d lines, %v; want %d", n, err, len(keys))
			}
			var seen []string
			for line := range bytes.Lines(page.Bytes()) {
				var c sync.Change
				if err := json.Unmarshal(line, &c); err != nil {
					t.Fatalf("line %q: %v", line, err)
				}
				var doc map[string]int
				if err := json.Unmarshal(c.Doc, &doc); err != nil || c.Kind != sync.KindSetting || c.Op != sync.OpUpsert || c.Seq > last {
					t.Fatalf("line %q: %+v, doc %v (%v)", line, c, doc, err)
				}
				seen = append(seen, c.Key)
			}
			if !slices.Equal(seen, keys) {
				t.Fatalf("keys %q, want %q", seen, keys)
			}
			// A second read from the last seq finds nothing more.
			if n, again, err := db.Changes(ctx, []string{"310000", sync.National, "none"}, last, 100, &page); err != nil || n != 0 || again != last {
				t.Fatalf("after the last change: %d lines, last %d, %v", n, again, err)
			}
		})
	}
}

// A page longer than one read of the log (several chunks joined in the database) holds
// every change in seq order, the same changes as many small pages, on both backends.
func TestLongPagesKeepChangeOrder(t *testing.T) {
	for _, be := range centraltest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			db := be.Open(t)
			loadRegion(t, db, 800, "310000") // about 3,000 changes: three chunks and a part
			scopes := []string{"310000", sync.National, "none"}
			long := centraltest.Changes(t, db, scopes, 0, sync.MaxPageSize)
			if len(long) < 2500 {
				t.Fatalf("%d changes, want the population's", len(long))
			}
			var short []sync.Change
			for cursor := int64(0); ; {
				page := centraltest.Changes(t, db, scopes, cursor, 7)
				if len(page) == 0 {
					break
				}
				short = append(short, page...)
				cursor = page[len(page)-1].Seq
			}
			for i, c := range long {
				if i > 0 && c.Seq <= long[i-1].Seq {
					t.Fatalf("change %d has seq %d after %d", i, c.Seq, long[i-1].Seq)
				}
				if i >= len(short) || short[i].Seq != c.Seq || short[i].Key != c.Key {
					t.Fatalf("change %d of the long page (seq %d) differs from the short pages'", i, c.Seq)
				}
			}
			if len(short) != len(long) {
				t.Fatalf("%d changes in short pages, %d in one long page", len(short), len(long))
			}
		})
	}
}

// loadRegion loads n generated holders into db, all of them in region, 10,000 to a load.
func loadRegion(tb testing.TB, db *central.DB, n int, region string) {
	tb.Helper()
	ctx := context.Background()
	g := demodata.New(4, domain.MustDate("2026-02-01"))
	for lo := 0; lo < n; lo += 10_000 {
		err := db.Load(ctx, func(tx *central.Tx) error {
			for i := lo; i < min(lo+10_000, n); i++ {
				h := g.Holder(i)
				h.Person.Region = region
				if err := h.WriteTo(ctx, tx); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
}

// A seed loads central without a journal, then switches it back to WAL before anyone
// reads it: the file is in WAL mode again and holds what was loaded.
func TestUnjournaledLoadEndsInWAL(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "central.db")
	db, err := central.OpenSQLite(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Unjournaled(ctx); err != nil {
		t.Fatal(err)
	}
	g := demodata.New(5, domain.MustDate("2026-11-27"))
	var b central.LoadBatch
	for i := range 100 {
		if err := g.Holder(i).WriteTo(ctx, &b); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Load(ctx, func(tx *central.Tx) error { return tx.PutLoadBatch(ctx, &b) }); err != nil {
		t.Fatal(err)
	}
	if err := db.Journaled(ctx); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var mode string
	var n int
	if err := raw.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Fatalf("journal mode after the load: %q, %v", mode, err)
	}
	if err := raw.QueryRow(`SELECT count(*) FROM changes WHERE kind = 'person'`).Scan(&n); err != nil || n != 100 {
		t.Fatalf("persons after the load: %d, %v", n, err)
	}
}

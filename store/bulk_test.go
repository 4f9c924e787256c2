package store_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"reflect"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"onecard/demodata"
	"onecard/domain"
	"onecard/store"
)

// schemaObjects lists the store's indexes and triggers with their SQL.
func schemaObjects(t *testing.T, path string) map[string]string {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var name, s string
		if err := rows.Scan(&name, &s); err != nil {
			t.Fatal(err)
		}
		out[name] = s
	}
	return out
}

// A bulk load interrupted after its first batches, resumed and finished, leaves the
// same schema and a store whose every lookup works, including for records updated and
// deleted while the indexes were off.
func TestBulkLoadResumesAndRestoresIndexes(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kiosk.db")
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	before := schemaObjects(t, path)
	g := demodata.New(5, domain.MustDate("2026-01-10"))
	put := func(lo, hi int, begin bool) {
		t.Helper()
		err := st.Update(ctx, func(w *store.Writer) error {
			if begin {
				on, err := w.BeginBulkLoad(ctx)
				if err != nil || !on {
					t.Fatalf("BeginBulkLoad = %v, %v; want true on an empty store", on, err)
				}
			}
			for i := lo; i < hi; i++ {
				if err := g.Holder(i).WriteTo(ctx, w); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	put(0, 300, true)
	if got := schemaObjects(t, path); len(got) >= len(before) {
		t.Fatalf("bulk load kept every index and trigger: %v", got)
	}
	// The process stops here; a new one resumes the load.
	st.Close()
	if st, err = store.Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	renamed := g.Holder(7).Person
	renamed.Surname = "Quixwell"
	err = st.Update(ctx, func(w *store.Writer) error {
		if on, err := w.BeginBulkLoad(ctx); err != nil || on {
			t.Fatalf("BeginBulkLoad on a loading store = %v, %v; want false", on, err)
		}
		if err := w.PutPerson(ctx, renamed); err != nil {
			return err
		}
		if err := w.DeletePerson(ctx, g.Holder(9).Person.ID); err != nil {
			return err
		}
		for i := 300; i < 600; i++ {
			if err := g.Holder(i).WriteTo(ctx, w); err != nil {
				return err
			}
		}
		return w.FinishBulkLoad(ctx)
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := schemaObjects(t, path); !reflect.DeepEqual(got, before) {
		t.Fatalf("schema after the bulk load:\n%v\nwant\n%v", got, before)
	}
	find := func(q string) []int64 {
		t.Helper()
		ms, _, err := st.Find(ctx, q, 50)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, m := range ms {
			ids = append(ids, m.Person.ID)
		}
		return ids
	}
	if ids := find("Quixwell"); !reflect.DeepEqual(ids, []int64{8}) {
		t.Errorf("name search for the renamed person: %v", ids)
	}
	if ids := find(g.Holder(9).Person.PassportNumber); len(ids) != 0 {
		t.Errorf("deleted person still found: %v", ids)
	}
	for _, i := range []int{0, 299, 300, 599} {
		h := g.Holder(i)
		if ids := find(h.Permit.Number); !reflect.DeepEqual(ids, []int64{h.Person.ID}) {
			t.Errorf("permit %s: %v", h.Permit.Number, ids)
		}
	}
	// Triggers are back: a person written after the load is found by name.
	late := g.Holder(700).Person
	late.Surname = "Zedbury"
	if err := st.Update(ctx, func(w *store.Writer) error { return w.PutPerson(ctx, late) }); err != nil {
		t.Fatal(err)
	}
	if ids := find("zedbury"); !reflect.DeepEqual(ids, []int64{late.ID}) {
		t.Errorf("name search after the load: %v", ids)
	}
	// A store that holds persons never enters bulk mode.
	err = st.Update(ctx, func(w *store.Writer) error {
		on, err := w.BeginBulkLoad(ctx)
		if on {
			t.Error("BeginBulkLoad on a filled store switched the mode on")
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A batch emptied by Reset writes only what is added after it: the sync reuses the
// batches of written pages for the pages it decodes next.
func TestBatchResetForgetsItsRows(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	g := demodata.New(5, domain.MustDate("2026-01-10"))
	var b store.Batch
	for _, i := range []int{0, 1} {
		if err := g.Holder(i).WriteTo(ctx, batchSink{&b}); err != nil {
			t.Fatal(err)
		}
	}
	b.Reset()
	kept := g.Holder(2)
	if err := kept.WriteTo(ctx, batchSink{&b}); err != nil {
		t.Fatal(err)
	}
	if err := st.Update(ctx, func(w *store.Writer) error { return w.PutBatch(ctx, &b) }); err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{0, 1} {
		if _, err := st.Record(ctx, g.Holder(i).Person.ID); err == nil {
			t.Errorf("holder %d, added before Reset, was written", i)
		}
	}
	got, err := st.Record(ctx, kept.Person.ID)
	if err != nil || len(got.Permits) != 1 || got.Permits[0].Number != kept.Permit.Number {
		t.Fatalf("holder added after Reset: %+v, %v", got, err)
	}
}

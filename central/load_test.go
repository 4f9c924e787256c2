package central_test

import (
	"context"
	"testing"

	"onecard/central"
	"onecard/central/centraltest"
	"onecard/demodata"
	"onecard/domain"
	"onecard/sync"
)

// A fresh load buffers its change rows (Tx.flush); reads inside the load, later loads
// that update the same entities, and the change log afterwards all see every put in
// order, on both backends.
func TestLoadBuffersPutsInOrder(t *testing.T) {
	for _, be := range centraltest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			ctx := context.Background()
			db := be.Open(t)
			g := demodata.New(9, domain.MustDate("2026-02-01"))
			const n = 150 // more than two multi-row statements, and a partial one
			err := db.Load(ctx, func(tx *central.Tx) error {
				for i := range n {
					if err := g.Holder(i).WriteTo(ctx, tx); err != nil {
						return err
					}
				}
				// A read in the same load sees the buffered rows.
				p, err := tx.Person(ctx, n)
				if err != nil || p.ID != n {
					t.Errorf("person %d read inside the load: %+v, %v", n, p, err)
				}
				// Puts after the read are kept too.
				last := g.Holder(n - 1).Person
				last.GivenNames = "Later"
				return tx.PutPerson(ctx, last)
			})
			if err != nil {
				t.Fatal(err)
			}
			var p domain.Person
			if _, err := db.Get(ctx, sync.KindPerson, "150", &p); err != nil || p.GivenNames != "Later" {
				t.Fatalf("person 150 after the load: %+v, %v", p, err)
			}
			total := 0
			for _, r := range g.Regions() {
				c, err := db.Count(ctx, sync.KindPerson, r)
				if err != nil {
					t.Fatal(err)
				}
				total += c
			}
			if total != n {
				t.Fatalf("%d persons in the change log, want %d", total, n)
			}
			// The re-put of person 150 was the load's last change: it has the highest seq.
			var last, seq150 int64
			for _, c := range centraltest.Changes(t, db, []string{g.Holder(n - 1).Person.Region, sync.National, sync.BranchScope("x")}, 0, 100000) {
				if c.Seq <= last {
					t.Errorf("change seqs out of order: %d after %d", c.Seq, last)
				}
				last = c.Seq
				if c.Kind == sync.KindPerson && c.Key == "150" {
					seq150 = c.Seq
				}
			}
			if seq150 != last {
				t.Errorf("person 150 has seq %d, the newest change is %d", seq150, last)
			}
		})
	}
}

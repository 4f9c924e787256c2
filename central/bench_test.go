package central_test

import (
	"context"
	"io"
	"testing"

	"onecard/central"
	"onecard/central/centraltest"
	"onecard/demodata"
	"onecard/domain"
	"onecard/sync"
)

// BenchmarkChanges reads a region's whole change log the way first syncs pull it, in
// pages of sync.DefaultPageSize: central's side of a first sync, without the network.
func BenchmarkChanges(b *testing.B) {
	ctx := context.Background()
	db := centraltest.SQLite(b)
	g := demodata.New(5, domain.MustDate("2026-02-01"))
	const persons = 50_000
	for lo := 0; lo < persons; lo += 10_000 {
		err := db.Load(ctx, func(tx *central.Tx) error {
			for i := lo; i < lo+10_000; i++ {
				h := g.Holder(i)
				h.Person.Region = "310000"
				if err := h.WriteTo(ctx, tx); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	scopes := []string{"310000", sync.National, sync.BranchScope("x")}
	lines := 0
	for b.Loop() {
		cursor := int64(0)
		for {
			n, last, err := db.Changes(ctx, scopes, cursor, sync.DefaultPageSize, io.Discard)
			if err != nil {
				b.Fatal(err)
			}
			lines += n
			if n < sync.DefaultPageSize {
				break
			}
			cursor = last
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(lines), "ns/change")
}

package central_test

import (
	"context"
	"io"
	"testing"

	"onecard/central/centraltest"
	"onecard/sync"
)

// BenchmarkChanges reads a region's whole change log the way first syncs pull it, in
// pages of sync.DefaultPageSize: central's side of a first sync, without the network.
func BenchmarkChanges(b *testing.B) {
	ctx := context.Background()
	db := centraltest.SQLite(b)
	loadRegion(b, db, 50_000, "310000")
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

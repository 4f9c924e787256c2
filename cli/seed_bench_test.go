package cli

import (
	"context"
	"path/filepath"
	"testing"

	"onecard/domain"
)

// BenchmarkSeed measures the seeding rate; `-benchtime 1x` with ONECARD_BENCH_PERSONS
// unset seeds 50,000 persons per op and reports persons per second.
func BenchmarkSeed(b *testing.B) {
	const n = 50_000
	for i := 0; b.Loop(); i++ {
		dir := filepath.Join(b.TempDir(), "seed")
		if _, err := seedDir(context.Background(), seedOptions{dir: dir, persons: n, seed: 1, today: domain.MustDate("2026-11-27")}, func(int) {}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "persons/s")
}

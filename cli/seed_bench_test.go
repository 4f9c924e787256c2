package cli

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"onecard/domain"
)

// BenchmarkSeed measures `onecard seed`: central's population, then the kiosk's region
// through the real sync client. ONECARD_BENCH_PERSONS sets the population (default
// 50,000; the DESIGN.md s.8 target is measured with 1000000 and -benchtime 1x). It
// reports persons per second and the time per million persons (extrapolated linearly
// below a million, so measure at a million for the target).
func BenchmarkSeed(b *testing.B) {
	n := 50_000
	if v, err := strconv.Atoi(os.Getenv("ONECARD_BENCH_PERSONS")); err == nil && v > 0 {
		n = v
	}
	for b.Loop() {
		dir := filepath.Join(b.TempDir(), "seed")
		o := seedOptions{dir: dir, persons: n, seed: 1, today: domain.MustDate("2026-11-27")}
		if testing.Verbose() {
			o.log = os.Stderr // phase timings
		}
		if _, err := seedDir(context.Background(), o, func(int) {}); err != nil {
			b.Fatal(err)
		}
	}
	perSec := float64(n) * float64(b.N) / b.Elapsed().Seconds()
	b.ReportMetric(perSec, "persons/s")
	b.ReportMetric(1e6/perSec, "s/1M-persons")
}

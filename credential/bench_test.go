package credential

import (
	"context"
	"slices"
	"testing"
	"time"
)

// freshNonces reports every nonce as new. The benchmark measures the verifier's own
// work on one scanned payload; the store's nonce INSERT is benchmarked with the store.
type freshNonces struct{}

func (freshNonces) SeenNonce(context.Context, string, []byte, time.Time) (bool, error) {
	return false, nil
}

// BenchmarkVerify verifies one scanned payload per op and reports the p99 latency
// (DESIGN.md section 8: p99 <= 0.5 ms).
func BenchmarkVerify(b *testing.B) {
	f := newFixture(b)
	h := f.holder()
	codes := map[string]string{"WPN1": f.notice(), "ESC1": f.essc(h, t0)}
	for _, name := range []string{"WPN1", "ESC1"} {
		b.Run(name, func(b *testing.B) {
			v, err := NewVerifier(Config{Bundle: &f.bundle, Permits: f.permits, Nonces: freshNonces{},
				Clock: func() time.Time { return t0 }})
			if err != nil {
				b.Fatal(err)
			}
			code, ctx := codes[name], context.Background()
			durations := make([]time.Duration, 0, b.N)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				r := v.Verify(ctx, code)
				durations = append(durations, time.Since(start))
				if r.Reason != ReasonOK {
					b.Fatalf("%s: %s (%s)", name, r.Reason, r.Detail)
				}
			}
			b.StopTimer()
			slices.Sort(durations)
			b.ReportMetric(float64(durations[len(durations)/2].Nanoseconds()), "p50-ns")
			b.ReportMetric(float64(durations[(len(durations)*99)/100].Nanoseconds()), "p99-ns")
		})
	}
}

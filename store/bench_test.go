package store_test

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"onecard/demodata"
	"onecard/domain"
	"onecard/identity"
	"onecard/store"
)

// The lookup benchmarks run on a 1,000,000-person store (DESIGN.md s.8). Seeding one
// takes about a minute, so ONECARD_BENCH_DATA=DIR keeps DIR/kiosk.db between runs
// (`onecard seed --data DIR --persons 1000000` makes the same file);
// ONECARD_BENCH_PERSONS changes the size.
var bench struct {
	once    sync.Once
	st      *store.Store
	persons int
	err     error
}

func benchStore(b *testing.B) (*store.Store, int) {
	b.Helper()
	bench.once.Do(func() {
		n := 1_000_000
		if v, err := strconv.Atoi(os.Getenv("ONECARD_BENCH_PERSONS")); err == nil && v > 0 {
			n = v
		}
		dir := os.Getenv("ONECARD_BENCH_DATA")
		if dir == "" {
			dir, bench.err = os.MkdirTemp("", "onecard-bench-")
			if bench.err != nil {
				return
			}
		}
		bench.st, bench.persons, bench.err = openOrSeed(filepath.Join(dir, "kiosk.db"), n)
	})
	if bench.err != nil {
		b.Fatal(bench.err)
	}
	return bench.st, bench.persons
}

func openOrSeed(path string, n int) (*store.Store, int, error) {
	ctx := context.Background()
	_, statErr := os.Stat(path)
	st, err := store.Open(ctx, path)
	if err != nil {
		return nil, 0, err
	}
	if statErr == nil {
		have, err := st.CountPersons(ctx)
		return st, have, err
	}
	g := demodata.New(1, domain.MustDate("2025-06-01"))
	const batch = 20_000
	for lo := 0; lo < n; lo += batch {
		err := st.Update(ctx, func(w *store.Writer) error {
			// Loaded like a first sync: indexes and the name index are built at the end.
			if lo == 0 {
				if _, err := w.BeginBulkLoad(ctx); err != nil {
					return err
				}
			}
			for i := lo; i < min(lo+batch, n); i++ {
				if err := g.Holder(i).WriteTo(ctx, w); err != nil {
					return err
				}
			}
			if lo+batch >= n {
				return w.FinishBulkLoad(ctx)
			}
			return nil
		})
		if err != nil {
			return nil, 0, err
		}
	}
	return st, n, nil
}

// timed runs op b.N times over queries and reports the 99th percentile.
func timed(b *testing.B, queries []string, op func(q string) error) {
	b.Helper()
	durs := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if err := op(queries[i%len(queries)]); err != nil {
			b.Fatal(err)
		}
		durs = append(durs, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(durs)
	b.ReportMetric(float64(durs[len(durs)*99/100].Microseconds())/1000, "p99-ms")
}

// sample picks up to k random persons' records.
func sample(b *testing.B, st *store.Store, persons, k int) []store.Record {
	b.Helper()
	r := rand.New(rand.NewPCG(7, 7))
	out := make([]store.Record, 0, k)
	for range k {
		rec, err := st.Record(context.Background(), 1+r.Int64N(int64(persons)))
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, rec)
	}
	return out
}

func BenchmarkFindExactKey(b *testing.B) {
	st, n := benchStore(b)
	var queries []string
	for _, rec := range sample(b, st, n, 500) {
		queries = append(queries, rec.Permits[0].Number, rec.Person.PassportNumber)
		if rec.ESSC != nil && rec.ESSC.SSN != "" {
			queries = append(queries, rec.ESSC.SSN)
		}
	}
	ctx := context.Background()
	timed(b, queries, func(q string) error {
		ms, _, err := st.Find(ctx, q, 50)
		if err == nil && len(ms) == 0 {
			b.Fatalf("%s not found", q)
		}
		return err
	})
}

func BenchmarkFindName(b *testing.B) {
	st, n := benchStore(b)
	var queries []string
	for _, rec := range sample(b, st, n, 500) {
		p := rec.Person
		given := strings.Fields(p.GivenNames + " x")[0]
		// As typed at a counter: given name first, no diacritics, partly typed surname.
		sur := identity.FoldWord(strings.Fields(p.Surname)[0])
		queries = append(queries, strings.ToLower(identity.FoldWord(given)+" "+sur[:min(len(sur), 4)]))
		if p.ChineseName != "" {
			queries = append(queries, p.ChineseName)
		}
	}
	ctx := context.Background()
	timed(b, queries, func(q string) error {
		_, _, err := st.Find(ctx, q, 50)
		return err
	})
}

// BenchmarkBulkLoad writes ONECARD_BENCH_PERSONS holders (default 100,000) into an empty
// store the way a first sync does: alone and in bulk-load mode, one batch of about one pull page
// (1,500 holders, some 5,500 records) per transaction. Holders are generated and their
// batches built before the clock starts (the sync builds them beside the writer), so
// it measures the store's write path alone; build-us/holder is the building's cost.
func BenchmarkBulkLoad(b *testing.B) {
	n := 100_000
	if v, err := strconv.Atoi(os.Getenv("ONECARD_BENCH_PERSONS")); err == nil && v > 0 {
		n = v
	}
	g := demodata.New(1, domain.MustDate("2025-06-01"))
	hs := make([]demodata.Holder, n)
	for i := range hs {
		hs[i] = g.Holder(i)
	}
	ctx := context.Background()
	const page = 1_500
	for b.Loop() {
		b.StopTimer()
		st, err := store.Open(ctx, filepath.Join(b.TempDir(), "kiosk.db"))
		if err != nil {
			b.Fatal(err)
		}
		built := time.Now()
		var batches []*store.Batch
		for lo := 0; lo < n; lo += page {
			batch := &store.Batch{}
			for _, h := range hs[lo:min(lo+page, n)] {
				if err := h.WriteTo(ctx, batchSink{batch}); err != nil {
					b.Fatal(err)
				}
			}
			batches = append(batches, batch)
		}
		b.ReportMetric(float64(time.Since(built).Microseconds())/float64(n), "build-us/holder")
		b.StartTimer()
		end, err := st.LoadAlone(ctx)
		if err != nil {
			b.Fatal(err)
		}
		for i, batch := range batches {
			err := st.Update(ctx, func(w *store.Writer) error {
				if i == 0 {
					if _, err := w.BeginBulkLoad(ctx); err != nil {
						return err
					}
				}
				if err := w.PutBatch(ctx, batch); err != nil {
					return err
				}
				if i == len(batches)-1 {
					return w.FinishBulkLoad(ctx)
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		if err := end(ctx); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(n*b.N), "us/holder")
}

// batchSink adds generated holders to a batch.
type batchSink struct{ b *store.Batch }

func (s batchSink) PutPerson(_ context.Context, p domain.Person) error { return s.b.AddPerson(p) }
func (s batchSink) PutPermit(_ context.Context, p domain.WorkPermit) error {
	return s.b.AddPermit(p)
}
func (s batchSink) PutESSC(_ context.Context, e domain.ESSC) error { return s.b.AddESSC(e) }
func (s batchSink) PutCard(_ context.Context, c domain.PhysicalCard) error {
	return s.b.AddCard(c)
}
func (s batchSink) PutRegistration(_ context.Context, r domain.InsuranceRegistration) error {
	return s.b.AddRegistration(r)
}

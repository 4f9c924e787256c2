package sync_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"onecard/central"
	"onecard/central/centraltest"
	"onecard/domain"
	"onecard/sync"
)

// benchPersons is the population of the first-sync benchmark: ONECARD_BENCH_PERSONS,
// default 20,000 (the DESIGN.md target is measured with 1000000).
func benchPersons(b *testing.B) int {
	if s := os.Getenv("ONECARD_BENCH_PERSONS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			b.Fatal(err)
		}
		return n
	}
	return 20_000
}

// benchFixture is a SQLite central holding n persons, all in the benchmark's region.
func benchFixture(b *testing.B, n int) *fixture {
	b.Helper()
	ctx := context.Background()
	db := centraltest.SQLite(b)
	keys, err := central.Setup(ctx, db, []string{"127.0.0.1"}, time.Now())
	if err != nil {
		b.Fatal(err)
	}
	f := &fixture{db: db, keys: keys, gen: newGen()}
	const batch = 20_000
	for lo := 0; lo < n; lo += batch {
		err := db.Load(ctx, func(tx *central.Tx) error {
			for i := lo; i < min(lo+batch, n); i++ {
				h := f.gen.Holder(i)
				h.Person.Region = region
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
	// A running central has made today's expiry reminders already; without this its
	// first scheduled round makes them for the whole population while the benchmark
	// runs.
	now := time.Now()
	if _, err := db.Remind(ctx, domain.DateOf(now.In(time.FixedZone("CST", 8*3600))), now); err != nil {
		b.Fatal(err)
	}
	srv, err := central.Start(ctx, db, keys, "127.0.0.1:0", nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(srv.Stop)
	f.srv = srv
	// The round still runs when central starts, and finds them made, which takes a
	// second of CPU over a million permits. A branch's first sync meets a central
	// that has been up for a while: the benchmark waits for the round to end.
	watch := f.enrollB(b, "watch", region)
	eventually(b, func() bool { return jobsRan(watch.scrape(b, srv.URL)) })
	return f
}

// onecardBinary builds the onecard command once per benchmark run, so the syncing
// kiosk runs as a process of its own and its peak RSS can be read from rusage.
func onecardBinary(b *testing.B) string {
	b.Helper()
	bin := filepath.Join(b.TempDir(), "onecard")
	cmd := exec.Command("go", "build", "-tags", "sqlite_fts5", "-o", bin, "onecard")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		b.Fatalf("build onecard: %v", err)
	}
	return bin
}

// BenchmarkFirstSync runs `onecard sync --once` on a freshly enrolled terminal against
// a central of benchPersons persons, and reports persons/s, the kiosk's peak RSS, and
// the CPU time of the kiosk and of central (this process) per sync: on a shared
// two-core machine the wall time moves with the neighbours, the CPU time much less.
func BenchmarkFirstSync(b *testing.B) {
	n := benchPersons(b)
	f := benchFixture(b, n)
	bin := onecardBinary(b)
	var maxRSS int64
	var kioskCPU, centralCPU time.Duration
	for b.Loop() {
		b.StopTimer()
		k := f.enrollB(b, "bench", region)
		k.st.Close() // the child process opens the store itself
		b.StartTimer()
		centralBefore := selfCPU(b)
		cmd := exec.Command(bin, "sync", "--data", k.dir, "--once")
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			b.Fatalf("onecard sync --once: %v", err)
		}
		peak := watchPeakRSS(cmd.Process.Pid)
		if err := cmd.Wait(); err != nil {
			b.Fatalf("onecard sync --once: %v", err)
		}
		maxRSS = max(maxRSS, <-peak)
		centralCPU += selfCPU(b) - centralBefore
		kioskCPU += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "persons/s")
	b.ReportMetric(float64(maxRSS)/1024, "kiosk-peak-RSS-MB")
	b.ReportMetric(kioskCPU.Seconds()/float64(b.N), "kiosk-cpu-s")
	b.ReportMetric(centralCPU.Seconds()/float64(b.N), "central-cpu-s")
}

// selfCPU is the CPU time this process (central, in the benchmarks) has used so far.
func selfCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// watchPeakRSS samples the child's VmHWM (its own high-water mark, in KiB) until the
// process is gone and sends the last value read. rusage's Maxrss cannot be used: Go
// starts children with vfork semantics, and Linux carries the parent's RSS high-water
// mark (this test process, with central's page cache) into the child's over exec.
// VmHWM only grows, so the final sample is the peak up to the last 10 ms of the run,
// when the process is only closing its store.
func watchPeakRSS(pid int) <-chan int64 {
	out := make(chan int64, 1)
	go func() {
		var peak int64
		for {
			b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
			if err != nil {
				break
			}
			for _, l := range strings.Split(string(b), "\n") {
				if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
					kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
					peak = max(peak, kb)
				}
			}
			time.Sleep(10 * time.Millisecond)
		}
		out <- peak
	}()
	return out
}

// BenchmarkIncrementalSync10k: 10,000 persons change at central, one round brings them.
func BenchmarkIncrementalSync10k(b *testing.B) {
	ctx := context.Background()
	const changed = 10_000
	f := benchFixture(b, 20_000)
	k := f.enrollB(b, "bench", region)
	c, err := sync.Open(k.dir, k.st, sync.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	if err := c.Round(ctx); err != nil {
		b.Fatal(err)
	}
	round := 0
	for b.Loop() {
		b.StopTimer()
		round++
		err := f.db.Update(ctx, func(tx *central.Tx) error {
			for i := range changed {
				h := f.gen.Holder(i)
				h.Person.Region, h.Person.GivenNames = region, "Round"+strconv.Itoa(round)
				if err := tx.PutPerson(ctx, h.Person); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := c.Round(ctx); err != nil {
			b.Fatal(err)
		}
		if got := c.Status().Pulled; got != changed {
			b.Fatalf("pulled %d records, want %d", got, changed)
		}
	}
	b.ReportMetric(float64(changed)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkPush10k: 10,000 outbox events pushed and acknowledged.
func BenchmarkPush10k(b *testing.B) {
	ctx := context.Background()
	const events = 10_000
	f := benchFixture(b, 2_000)
	k := f.enrollB(b, "bench", region)
	c, err := sync.Open(k.dir, k.st, sync.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	for b.Loop() {
		b.StopTimer()
		for i := range events {
			h := f.gen.Holder(i % 2_000)
			k.enqueue(b, sync.EventKindRealName, sync.EventRealName{PersonID: h.Person.ID, PermitNumber: h.Permit.Number,
				At: time.Now().UTC(), StaffID: "C1001", Outcome: domain.OutcomeFailed})
		}
		b.StartTimer()
		n, err := c.Push(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if n != events {
			b.Fatalf("pushed %d, want %d", n, events)
		}
	}
	b.ReportMetric(float64(events)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"time"

	"onecard/central"
	"onecard/config"
	"onecard/demodata"
	"onecard/domain"
	"onecard/pin"
	"onecard/store"
	"onecard/sync"
)

// seedBatch is how many holders go into one write transaction: large enough that commit
// costs vanish, small enough that progress shows and memory stays flat.
const seedBatch = 20_000

type seedOptions struct {
	dir     string
	persons int
	seed    uint64
	today   domain.Date
	log     io.Writer // phase timings; nil: none
}

func (o seedOptions) timing(phase string, d time.Duration) {
	if o.log != nil {
		fmt.Fprintf(o.log, "\n%s: %s", phase, d.Round(time.Millisecond))
	}
}

// parseToday reads the --today flag of seed and demo: the day the population is dated
// against, today in China when empty.
func parseToday(s string) (domain.Date, error) {
	if s == "" {
		return domain.DateOf(time.Now().In(config.Default().Location())), nil
	}
	d, err := domain.ParseDate(s)
	if err != nil {
		return 0, fmt.Errorf("%w: --today: %v", errUsage, err)
	}
	return d, nil
}

func runSeed(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "seed")
	dir := fs.String("data", "", "data directory to create (required)")
	persons := fs.Int("persons", 1000, "number of synthetic persons")
	seed := fs.Uint64("seed", 1, "random seed: the same seed and day give the same population")
	today := fs.String("today", "", "the day permits are dated against, YYYY-MM-DD (default: today in China)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *dir == "" || *persons < 0 {
		return fmt.Errorf("%w: --data DIR is required and --persons must not be negative", errUsage)
	}
	day, err := parseToday(*today)
	if err != nil {
		return err
	}
	opts := seedOptions{dir: *dir, persons: *persons, seed: *seed, today: day, log: env.Stderr}
	start := time.Now()
	demo, err := seedDir(ctx, opts, func(done int) {
		fmt.Fprintf(env.Stderr, "\rseeded %d of %d persons", done, opts.persons)
	})
	if err != nil {
		return fmt.Errorf("%w\nthe stores in %s are incomplete: remove them before seeding again", err, opts.dir)
	}
	fmt.Fprintf(env.Stderr, "\rseeded %d persons in %s into %s\n", demo.Persons, time.Since(start).Round(time.Millisecond), opts.dir)
	return nil
}

// seedDir creates a demo data directory the way a real branch gets one: the population,
// staff and keys go into central's store (central.db); then an in-process central on
// loopback enrolls this directory as a terminal of branch "demo" in the first demo
// region with a real one-time code, and the kiosk store is built by the real sync
// client over HTTPS. The kiosk holds its region's persons only, as every branch does;
// demo.json lists permits of that region, so each one can be looked up at the kiosk.
func seedDir(ctx context.Context, o seedOptions, progress func(done int)) (demodata.Demo, error) {
	if err := os.MkdirAll(o.dir, 0o700); err != nil {
		return demodata.Demo{}, err
	}
	for _, f := range []string{config.KioskDB(o.dir), config.CentralDB(o.dir)} {
		if _, err := os.Stat(f); err == nil {
			return demodata.Demo{}, fmt.Errorf("%s already holds a store; seed an empty directory", o.dir)
		} else if !errors.Is(err, os.ErrNotExist) {
			return demodata.Demo{}, err
		}
	}
	// A seed allocates a few GB of short-lived records and documents while its live heap
	// stays in the hundreds of MB; collecting at 4x the live heap instead of 2x halves
	// the GC's CPU, which the writer and the kiosk's sync share two cores with. The
	// memory limit makes the GC collect harder before the heap gets large anyway.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(2 << 30))
	g := demodata.New(o.seed, o.today)
	region := g.Regions()[0]
	demo := demodata.Demo{Seed: o.seed, Today: o.today, Persons: o.persons, Staff: demodata.Logins(), Regions: g.Regions()}
	db, err := central.OpenSQLite(ctx, config.CentralDB(o.dir))
	if err != nil {
		return demo, err
	}
	defer db.Close()
	keys, err := central.Setup(ctx, db, []string{"127.0.0.1", "localhost"}, time.Now())
	if err != nil {
		return demo, err
	}
	// central.db is new and discarded if seeding fails: no fsyncs and no journal while
	// it fills (nothing reads it yet), and the change log's read-only index is built
	// once after the load.
	if err := db.Unsynced(ctx); err != nil {
		return demo, err
	}
	restore, err := db.DeferIndexes(ctx)
	if err != nil {
		return demo, err
	}
	if err := seedStaff(ctx, db, o.today.Time()); err != nil {
		return demo, err
	}
	start := time.Now()
	if err := db.Unjournaled(ctx); err != nil {
		return demo, err
	}
	collect := func(h demodata.Holder) {
		if h.Person.Region == region {
			demo.Collect(h)
		}
	}
	if err := seedCentral(ctx, db, g, o, collect, progress); err != nil {
		return demo, err
	}
	if err := db.Journaled(ctx); err != nil {
		return demo, err
	}
	o.timing("central", time.Since(start))
	// The kiosk enrolls with an in-process central and syncs its region, on both
	// cores, while central builds its index beside it.
	start = time.Now()
	srv, err := central.Start(ctx, db, keys, "127.0.0.1:0", nil)
	if err != nil {
		return demo, err
	}
	defer srv.Stop()
	if err := enrollKiosk(ctx, db, keys, srv.URL, o.dir, region); err != nil {
		return demo, err
	}
	indexes := make(chan error, 1)
	go func() { indexes <- restore(ctx) }()
	kerr := syncKiosk(ctx, o.dir)
	o.timing("kiosk sync", time.Since(start))
	if err := errors.Join(kerr, <-indexes); err != nil {
		return demo, err
	}
	o.timing("kiosk sync and central's index", time.Since(start))
	return demo, demo.Save(o.dir)
}

// seedCentral writes every holder into central in large batches; collect sees each.
func seedCentral(ctx context.Context, db *central.DB, g *demodata.Generator, o seedOptions, collect func(demodata.Holder),
	progress func(written int)) error {
	// Generating, validating and encoding holders runs on the other core while this
	// goroutine writes.
	batches := make(chan holderBatch, 2)
	genCtx, stop := context.WithCancel(ctx)
	defer stop()
	go generate(genCtx, g, o.persons, collect, batches)
	written := 0
	for b := range batches {
		if b.err == nil {
			b.err = db.Load(ctx, func(t *central.Tx) error { return t.PutLoadBatch(ctx, b.load) })
		}
		if b.err != nil {
			return fmt.Errorf("seed persons %d-%d: %w", b.first, b.last, b.err)
		}
		written += b.holders
		progress(written)
	}
	return ctx.Err()
}

// enrollKiosk enrolls dir as a demo terminal of region with the central at url.
func enrollKiosk(ctx context.Context, db *central.DB, keys *central.Keys, url, dir, region string) error {
	code, err := db.NewEnrollCode(ctx, keys, "demo", region, time.Hour, time.Now())
	if err != nil {
		return err
	}
	cfg, err := sync.Enroll(ctx, dir, url, code.String())
	if err != nil {
		return fmt.Errorf("enroll demo terminal: %w", err)
	}
	cfg.Demo = true
	return config.Save(dir, cfg)
}

// syncKiosk runs the first sync of the terminal enrolled in dir.
func syncKiosk(ctx context.Context, dir string) error {
	st, err := store.Open(ctx, config.KioskDB(dir))
	if err != nil {
		return err
	}
	defer st.Close()
	c, err := sync.Open(dir, st, sync.Options{Alone: true})
	if err != nil {
		return err
	}
	defer c.Close()
	if err := c.Round(ctx); err != nil {
		return fmt.Errorf("first sync of the demo terminal: %w", err)
	}
	return nil
}

func seedStaff(ctx context.Context, db *central.DB, at time.Time) error {
	return db.Update(ctx, func(t *central.Tx) error {
		for _, l := range demodata.Logins() {
			h, err := pin.Hash(l.PIN, pin.DefaultParams())
			if err != nil {
				return err
			}
			s := domain.Staff{ID: l.ID, Name: l.Name, Role: l.Role, Branch: "demo", PINHash: h, Active: true, UpdatedAt: at}
			if err := t.PutStaff(ctx, s); err != nil {
				return err
			}
		}
		return nil
	})
}

// holderBatch is a batch of generated holders, ready to load.
type holderBatch struct {
	load        *central.LoadBatch
	holders     int
	first, last int64 // person ids
	err         error // the holder that could not be added
}

// generate sends holders 0..n-1, with their expiry reminders as central's clock sees
// today, in load batches of up to seedBatch holders, and closes out; collect sees each
// holder.
func generate(ctx context.Context, g *demodata.Generator, n int, collect func(demodata.Holder), out chan<- holderBatch) {
	defer close(out)
	now := time.Now()
	today := domain.DateOf(now.In(config.Default().Location()))
	b := holderBatch{load: &central.LoadBatch{}}
	for i := 0; i < n; i++ {
		h := g.Holder(i)
		collect(h)
		if b.holders == 0 {
			b.first = h.Person.ID
		}
		b.last = h.Person.ID
		b.holders++
		if b.err = h.WriteTo(ctx, b.load); b.err == nil {
			b.err = b.load.RemindLoaded(h.Permit, today, now)
		}
		if b.holders == seedBatch || b.err != nil || i == n-1 && b.holders > 0 {
			select {
			case out <- b:
			case <-ctx.Done():
				return
			}
			if b.err != nil {
				return
			}
			b = holderBatch{load: &central.LoadBatch{}}
		}
	}
}

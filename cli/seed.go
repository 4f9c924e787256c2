package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"onecard/config"
	"onecard/demodata"
	"onecard/domain"
	"onecard/pin"
	"onecard/store"
)

// seedBatch is how many holders go into one write transaction: large enough that commit
// costs vanish, small enough that progress shows and memory stays flat.
const seedBatch = 20_000

type seedOptions struct {
	dir     string
	persons int
	seed    uint64
	today   domain.Date
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
	opts := seedOptions{dir: *dir, persons: *persons, seed: *seed}
	if *today == "" {
		opts.today = domain.DateOf(time.Now().In(config.Default().Location()))
	} else {
		d, err := domain.ParseDate(*today)
		if err != nil {
			return fmt.Errorf("%w: --today: %v", errUsage, err)
		}
		opts.today = d
	}
	start := time.Now()
	demo, err := seedDir(ctx, opts, func(done int) {
		fmt.Fprintf(env.Stderr, "\rseeded %d of %d persons", done, opts.persons)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "\rseeded %d persons in %s into %s\n", demo.Persons, time.Since(start).Round(time.Millisecond), opts.dir)
	return nil
}

// seedDir creates a demo data directory: the kiosk store with the population and the
// demo staff, config.json, and demo.json.
func seedDir(ctx context.Context, o seedOptions, progress func(done int)) (demodata.Demo, error) {
	if err := os.MkdirAll(o.dir, 0o700); err != nil {
		return demodata.Demo{}, err
	}
	if _, err := os.Stat(config.KioskDB(o.dir)); err == nil {
		return demodata.Demo{}, fmt.Errorf("%s already holds a store; seed an empty directory", o.dir)
	} else if !errors.Is(err, os.ErrNotExist) {
		return demodata.Demo{}, err
	}
	st, err := store.Open(ctx, config.KioskDB(o.dir))
	if err != nil {
		return demodata.Demo{}, err
	}
	defer st.Close()

	g := demodata.New(o.seed, o.today)
	demo := demodata.Demo{Seed: o.seed, Today: o.today, Persons: o.persons, Staff: demodata.Logins(), Regions: g.Regions()}
	if err := seedStaff(ctx, st, o.today.Time()); err != nil {
		return demo, err
	}
	// Generating holders runs on the other core while this goroutine writes.
	batches := make(chan []demodata.Holder, 2)
	genCtx, stop := context.WithCancel(ctx)
	defer stop()
	go generate(genCtx, g, o.persons, batches)
	done := 0
	for batch := range batches {
		err := st.Update(ctx, func(w *store.Writer) error {
			for _, h := range batch {
				demo.Collect(h)
				if err := h.WriteTo(ctx, w); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return demo, fmt.Errorf("seed persons %d-%d: %w", done+1, done+len(batch), err)
		}
		done += len(batch)
		progress(done)
	}
	if err := ctx.Err(); err != nil {
		return demo, err
	}
	cfg := config.Default()
	cfg.TerminalID, cfg.Branch, cfg.Region, cfg.Demo = "DEMO-0001", "demo", g.Regions()[0], true
	if err := config.Save(o.dir, cfg); err != nil {
		return demo, err
	}
	return demo, demo.Save(o.dir)
}

func seedStaff(ctx context.Context, st *store.Store, at time.Time) error {
	return st.Update(ctx, func(w *store.Writer) error {
		for _, l := range demodata.Logins() {
			h, err := pin.Hash(l.PIN, pin.DefaultParams())
			if err != nil {
				return err
			}
			s := domain.Staff{ID: l.ID, Name: l.Name, Role: l.Role, Branch: "demo", PINHash: h, Active: true, UpdatedAt: at}
			if err := w.PutStaff(ctx, s); err != nil {
				return err
			}
		}
		return nil
	})
}

// generate sends holders 0..n-1 in batches of seedBatch and closes out.
func generate(ctx context.Context, g *demodata.Generator, n int, out chan<- []demodata.Holder) {
	defer close(out)
	for lo := 0; lo < n; lo += seedBatch {
		batch := make([]demodata.Holder, 0, min(seedBatch, n-lo))
		for i := lo; i < lo+cap(batch); i++ {
			batch = append(batch, g.Holder(i))
		}
		select {
		case out <- batch:
		case <-ctx.Done():
			return
		}
	}
}

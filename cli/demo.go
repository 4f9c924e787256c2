package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"onecard/central"
	"onecard/demodata"
)

func runDemo(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "demo")
	dir := fs.String("data", "", "empty directory for the demo data (default: a new temporary directory, removed on exit)")
	persons := fs.Int("persons", 20_000, "number of synthetic persons")
	seed := fs.Uint64("seed", 1, "random seed")
	today := fs.String("today", "", "the day permits are dated against, YYYY-MM-DD (default: today in China)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *persons < 1 {
		return fmt.Errorf("%w: --persons must be at least 1", errUsage)
	}
	day, err := parseToday(*today)
	if err != nil {
		return err
	}
	opts := seedOptions{dir: *dir, persons: *persons, seed: *seed, today: day}
	if opts.dir == "" {
		tmp, err := os.MkdirTemp("", "onecard-demo-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		opts.dir = tmp
	} else if err := requireEmpty(opts.dir); err != nil {
		return err
	}
	demo, err := seedDir(ctx, opts, func(done int) {
		fmt.Fprintf(env.Stderr, "\rseeding demo: %d of %d persons", done, opts.persons)
	})
	fmt.Fprintln(env.Stderr)
	if err != nil {
		return err
	}
	url, stop, err := central.StartDemo(ctx, opts.dir)
	if err != nil {
		return fmt.Errorf("demo central: %w", err)
	}
	defer stop()
	printDemo(env.Stdout, opts.dir, demo, url)
	return runKioskOn(ctx, env, opts.dir, url)
}

// requireEmpty accepts a missing or empty directory: a demo never writes over data.
func requireEmpty(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("%w: --data %s is not empty; the demo needs a new or empty directory", errUsage, dir)
	}
	return nil
}

// printDemo lists the demo logins and a few permit numbers to try.
func printDemo(w io.Writer, dir string, d demodata.Demo, centralURL string) {
	fmt.Fprintf(w, "onecard demo: %d persons in %s (today %s); central on %s\n\n", d.Persons, dir, d.Today, centralURL)
	fmt.Fprintf(w, "%-8s %-8s %-12s %s\n", "ID", "PIN", "ROLE", "NAME")
	for _, l := range d.Staff {
		fmt.Fprintf(w, "%-8s %-8s %-12s %s\n", l.ID, l.PIN, l.Role, l.Name)
	}
	fmt.Fprintln(w, "\npermit numbers to try:")
	for _, s := range demodata.States() {
		if ps := d.Permits[s]; len(ps) > 0 {
			fmt.Fprintf(w, "  %-16s %s\n", s, ps[0])
		}
	}
	fmt.Fprintln(w, "\nleaving the kiosk needs a supervisor's PIN (ctrl+c)")
}

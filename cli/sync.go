package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"onecard/config"
	"onecard/store"
	"onecard/sync"
)

func runSync(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "sync")
	dir := fs.String("data", "", "the terminal's data directory (required)")
	once := fs.Bool("once", false, "one full push and pull round, then exit (non-zero on failure)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *dir == "" {
		return fmt.Errorf("%w: --data is required", errUsage)
	}
	st, err := store.Open(ctx, config.KioskDB(*dir))
	if err != nil {
		return err
	}
	defer st.Close()
	log := slog.New(slog.NewTextHandler(env.Stderr, nil))
	c, err := sync.Open(*dir, st, sync.Options{Log: log, Alone: true})
	if err != nil {
		return err
	}
	defer c.Close()
	if *once {
		err := c.Round(ctx)
		s := c.Status()
		fmt.Fprintf(env.Stdout, "pushed %d events, pulled %d records, %d pending\n", s.Pushed, s.Pulled, s.Pending)
		return err
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := c.Run(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil
}

package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"onecard/app"
	"onecard/config"
	"onecard/screens/enroll"
	"onecard/screens/login"
	"onecard/store"
	"onecard/sync"
	"onecard/trust"
)

func runKiosk(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "kiosk")
	dir := fs.String("data", defaultDataDir(), "data directory (config.json and kiosk.db)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *dir == "" {
		return fmt.Errorf("%w: no data directory: give --data DIR or set ONECARD_DATA", errUsage)
	}
	return runKioskOn(ctx, env, *dir, "")
}

// defaultDataDir: $ONECARD_DATA, else $XDG_DATA_HOME/onecard, else ~/.local/share/onecard.
func defaultDataDir() string {
	if d := os.Getenv("ONECARD_DATA"); d != "" {
		return d
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "onecard")
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".local", "share", "onecard")
	}
	return ""
}

// errNoKiosk says what to do when a directory holds no kiosk.
var errNoKiosk = errors.New("no kiosk data here: run `onecard seed --data DIR` for a demo directory or `onecard enroll --data DIR ...` to enroll this terminal")

// kiosk is an opened data directory: its context on the store, and how to close it.
type kiosk struct {
	c     *app.Context
	close func() error
}

// openKiosk loads DIR/config.json, opens DIR/kiosk.db and a log file DIR/kiosk.log.
// Errors go to the log file, never to the terminal the kiosk draws on.
func openKiosk(ctx context.Context, dir string) (*kiosk, error) {
	cfg, err := config.Load(dir)
	if errors.Is(err, config.ErrNoConfig) {
		return nil, fmt.Errorf("%s: %w", dir, errNoKiosk)
	}
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(config.KioskDB(dir)); err != nil {
		return nil, fmt.Errorf("%s: %w", dir, errNoKiosk)
	}
	logFile, err := os.OpenFile(filepath.Join(dir, "kiosk.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open kiosk log: %w", err)
	}
	st, err := store.Open(ctx, config.KioskDB(dir))
	if err != nil {
		logFile.Close()
		return nil, err
	}
	log := slog.New(slog.NewTextHandler(logFile, nil)).With("terminal", cfg.TerminalID)
	c := app.NewContext(st, cfg, dir, time.Now, log)
	return &kiosk{c: c, close: func() error { return errors.Join(st.Close(), logFile.Close()) }}, nil
}

// runKioskOn runs the full-screen kiosk on DIR until a supervisor quits it or ctx ends.
// centralURL overrides the config's central address (the demo's in-process central
// listens on a new port each run); "" keeps it.
func runKioskOn(ctx context.Context, env Env, dir, centralURL string) error {
	if _, err := config.Load(dir); errors.Is(err, config.ErrNoConfig) {
		if err := enrollFirst(ctx, env, dir); err != nil {
			return err
		}
	}
	k, err := openKiosk(ctx, dir)
	if err != nil {
		return err
	}
	defer k.close()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	k.c.Verify = trust.NewLive(k.c.Store, k.c.Config, time.Now)
	scans, camera := startScanners(ctx, k.c.Config.Scanners)
	k.c.Scans = scans
	if camera != nil {
		k.c.Camera = camera
	}
	if err := startSync(ctx, k, centralURL); err != nil {
		return err
	}
	k.c.Log.Info("kiosk start", "data", dir)
	root := app.New(k.c, login.New)
	p := tea.NewProgram(root, tea.WithAltScreen(), tea.WithContext(ctx),
		tea.WithInput(env.Stdin), tea.WithOutput(env.Stdout))
	_, err = p.Run()
	k.c.Log.Info("kiosk stop", "err", err)
	if err != nil && ctx.Err() == nil {
		return fmt.Errorf("kiosk: %w", err)
	}
	return nil
}

// enrollFirst shows the enrollment screen of a terminal that has no config yet; the
// kiosk starts once enrollment and the first sync are done.
func enrollFirst(ctx context.Context, env Env, dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	m := enroll.New(config.Default().Language, func(ctx context.Context, url, code string) error {
		return sync.EnrollAndSync(ctx, dir, url, code)
	})
	p := tea.NewProgram(m, tea.WithAltScreen(), tea.WithContext(ctx), tea.WithInput(env.Stdin), tea.WithOutput(env.Stdout))
	if _, err := p.Run(); err != nil && ctx.Err() == nil {
		return fmt.Errorf("enrollment: %w", err)
	}
	if !m.Enrolled {
		return fmt.Errorf("%s: %w", dir, errNoKiosk)
	}
	return nil
}

// startSync runs the sync client in the background when the terminal has a central;
// the kiosk keeps working on its store whatever the link does.
func startSync(ctx context.Context, k *kiosk, centralURL string) error {
	if centralURL == "" && k.c.Config.CentralURL == "" {
		return nil
	}
	c, err := sync.Open(k.c.DataDir, k.c.Store, sync.Options{URL: centralURL, Log: k.c.Log})
	if err != nil {
		return fmt.Errorf("sync client: %w", err)
	}
	go func() {
		defer c.Close()
		if err := c.Run(ctx); err != nil && ctx.Err() == nil {
			k.c.Log.Error("sync stopped", "err", err)
		}
	}()
	k.c.Sync = syncStatus{c}
	return nil
}

// syncStatus shows the sync client to the status bar.
type syncStatus struct{ c *sync.Client }

func (s syncStatus) Status() app.SyncState {
	st := s.c.Status()
	last := st.LastError
	if st.Refused != "" {
		last = st.Refused
	}
	return app.SyncState{Online: st.Online, Pending: st.Pending, LastSync: st.LastSync, LastError: last}
}

func (s syncStatus) SyncNow() { s.c.SyncNow() }

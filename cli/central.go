package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"onecard/central"
	"onecard/config"
	"onecard/domain"
)

// runCentral dispatches `onecard central SUBCOMMAND`.
func runCentral(ctx context.Context, env Env, args []string) error {
	subs := map[string]func(context.Context, Env, []string) error{
		"serve":   runCentralServe,
		"enroll":  runCentralEnroll,
		"import":  runCentralImport,
		"remind":  runCentralRemind,
		"revoke":  runCentralRevoke,
		"setting": runCentralSetting,
		"bundle":  runCentralBundle,
		"staff":   runCentralStaff,
	}
	if len(args) == 0 || subs[args[0]] == nil {
		return fmt.Errorf("%w: onecard central serve|enroll|import|remind|revoke|setting|bundle|staff [flags]", errUsage)
	}
	return subs[args[0]](ctx, env, args[1:])
}

// centralFlags adds the storage flags every central subcommand takes.
type centralFlags struct {
	data, postgres *string
}

func addCentralFlags(fs *flag.FlagSet) centralFlags {
	return centralFlags{
		data:     fs.String("data", "", "data directory of central's SQLite store (central.db)"),
		postgres: fs.String("postgres", "", "PostgreSQL DSN instead of --data"),
	}
}

func (f centralFlags) open(ctx context.Context) (*central.DB, error) {
	switch {
	case *f.data != "" && *f.postgres != "":
		return nil, fmt.Errorf("%w: give --data or --postgres, not both", errUsage)
	case *f.postgres != "":
		return central.OpenPostgres(ctx, *f.postgres)
	case *f.data != "":
		if err := os.MkdirAll(*f.data, 0o700); err != nil {
			return nil, err
		}
		return central.OpenSQLite(ctx, config.CentralDB(*f.data))
	}
	return nil, fmt.Errorf("%w: --data DIR or --postgres DSN is required", errUsage)
}

func runCentralServe(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "central serve")
	cf := addCentralFlags(fs)
	listen := fs.String("listen", "127.0.0.1:8443", "address to serve HTTPS on")
	hosts := fs.String("hostname", strings.Join(central.DefaultHosts(), ","), "names for the server certificate, made at first start")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	db, err := cf.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	keys, err := central.Setup(ctx, db, strings.Split(*hosts, ","), time.Now())
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	log := slog.New(slog.NewTextHandler(env.Stderr, nil))
	r, err := central.Start(ctx, db, keys, *listen, log)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "central serving %s (%s store); CA fingerprint %s\n", r.URL, db.Dialect(), keys.CAFinger)
	<-ctx.Done()
	r.Stop()
	return nil
}

func runCentralEnroll(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "central enroll")
	cf := addCentralFlags(fs)
	branch := fs.String("branch", "", "branch the terminal belongs to (required)")
	region := fs.String("region", "", "region code the terminal serves, e.g. 310000 (required)")
	ttl := fs.Duration("ttl", central.DefaultCodeTTL, "how long the code stays valid")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *branch == "" || *region == "" {
		return fmt.Errorf("%w: --branch and --region are required", errUsage)
	}
	db, err := cf.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	keys, err := central.Setup(ctx, db, central.DefaultHosts(), time.Now())
	if err != nil {
		return err
	}
	code, err := db.NewEnrollCode(ctx, keys, *branch, *region, *ttl, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, code.String())
	fmt.Fprintf(env.Stderr, "one-time code for branch %s, region %s, valid until %s\n",
		*branch, *region, time.Now().Add(*ttl).Format(time.RFC3339))
	return nil
}

func runCentralImport(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "central import")
	cf := addCentralFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: onecard central import --data DIR FILE (JSON lines; - for stdin)", errUsage)
	}
	in := env.Stdin
	if name := fs.Arg(0); name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	db, err := cf.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	keys, err := central.Setup(ctx, db, central.DefaultHosts(), time.Now())
	if err != nil {
		return err
	}
	st, err := db.ImportFeed(ctx, keys, in, time.Now())
	out, _ := json.Marshal(st)
	fmt.Fprintln(env.Stdout, string(out))
	return err
}

func runCentralRemind(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "central remind")
	cf := addCentralFlags(fs)
	day := fs.String("today", "", "the day reminders are computed for, YYYY-MM-DD (default: today in China)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	today := domain.DateOf(time.Now().In(config.Default().Location()))
	if *day != "" {
		d, err := domain.ParseDate(*day)
		if err != nil {
			return fmt.Errorf("%w: --today: %v", errUsage, err)
		}
		today = d
	}
	db, err := cf.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	n, err := db.Remind(ctx, today, time.Now())
	fmt.Fprintf(env.Stdout, "%d reminders created\n", n)
	return err
}

func runCentralRevoke(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "central revoke")
	cf := addCentralFlags(fs)
	terminal := fs.String("terminal", "", "terminal id to refuse from now on (required)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *terminal == "" {
		return fmt.Errorf("%w: --terminal is required", errUsage)
	}
	db, err := cf.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.RevokeTerminal(ctx, *terminal, time.Now()); err != nil {
		if errors.Is(err, central.ErrNotFound) {
			return &ExitError{Code: 1, Err: err}
		}
		return err
	}
	fmt.Fprintf(env.Stdout, "terminal %s revoked\n", *terminal)
	return nil
}

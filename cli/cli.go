// Package cli implements onecard's command line (DESIGN.md section 7). Each subcommand
// lives in its own file; this file only dispatches and maps errors to exit codes.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Env is the process environment a command may touch, so tests can run commands in-process.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

// ExitError carries a specific exit status (verify: 1 INVALID, 2 CANNOT_VERIFY; scan: 4).
// Err may be nil when the command already printed its result.
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit status %d", e.Code)
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

// errUsage marks a bad command line: exit status 64 (EX_USAGE) with the usage text.
var errUsage = errors.New("usage")

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env Env, args []string) error
}

// commands is built per call rather than held in a package variable so that nothing
// global outlives a run (tests call Run many times in one process).
func commands() []command {
	return []command{
		{"kiosk", "the counter kiosk (the default when no command is given)", runKiosk},
		{"demo", "the kiosk on a fresh demo data directory", runDemo},
		{"seed", "build a demo data directory with synthetic persons", runSeed},
		{"central", "the central system: serve, enroll", runCentral},
		{"enroll", "enroll this terminal with central", runEnroll},
		{"sync", "headless sync with central", runSync},
		{"scan", "decode QR codes from images, a camera or a serial scanner", runScan},
		{"verify", "verify a scanned credential offline", runVerify},
		{"mrz", "check MRZ lines read from stdin", runMRZ},
		{"qr", "mint a demo QR code: qr notice|essc", runQR},
		{"audit", "audit trail tools: audit verify", runAudit},
		{"trust", "install a trust bundle file: trust import", runTrust},
	}
}

// Run executes one command line and returns the process exit status.
func Run(ctx context.Context, args []string, env Env) int {
	name := "kiosk"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	}
	if name == "help" || name == "-h" || name == "--help" {
		usage(env.Stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name != name {
			continue
		}
		err := c.run(ctx, env, args)
		return exitCode(env, name, err)
	}
	fmt.Fprintf(env.Stderr, "onecard: unknown command %q\n", name)
	usage(env.Stderr)
	return 64
}

func exitCode(env Env, name string, err error) int {
	if err == nil {
		return 0
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	var ee *ExitError
	if errors.As(err, &ee) {
		if ee.Err != nil {
			fmt.Fprintf(env.Stderr, "onecard %s: %v\n", name, ee.Err)
		}
		return ee.Code
	}
	fmt.Fprintf(env.Stderr, "onecard %s: %v\n", name, err)
	if errors.Is(err, errUsage) {
		return 64
	}
	return 1
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: onecard [command] [flags]")
	cs := commands()
	sort.Slice(cs, func(i, j int) bool { return cs[i].name < cs[j].name })
	for _, c := range cs {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
}

// newFlags returns a flag set that reports errors to env.Stderr instead of exiting.
func newFlags(env Env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet("onecard "+name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	return fs
}

// parseFlags parses args and turns a flag error into errUsage.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	return nil
}

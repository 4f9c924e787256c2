package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"onecard/identity"
)

// runMRZ checks MRZ lines read from stdin and prints the fields and every check as one
// JSON object: exit 0 when valid, 1 when not (after printing).
func runMRZ(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "mrz")
	at := fs.String("at", "", "reference date `YYYY-MM-DD` for two-digit years and expiry (default today)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: onecard mrz reads the MRZ lines on stdin and takes no arguments", errUsage)
	}
	ref := time.Now()
	if *at != "" {
		t, err := time.Parse("2006-01-02", *at)
		if err != nil {
			return fmt.Errorf("%w: --at %q: want YYYY-MM-DD", errUsage, *at)
		}
		ref = t
	}
	// An MRZ is at most three lines of 44; anything much longer is not an MRZ, so the
	// read is capped rather than trusting whatever is piped in.
	const maxInput = 64 << 10
	in, err := io.ReadAll(io.LimitReader(env.Stdin, maxInput))
	if err != nil {
		return fmt.Errorf("read MRZ from stdin: %w", err)
	}
	m := identity.ParseMRZ(string(in), ref)
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false) // keep the MRZ fillers '<' readable
	if err := enc.Encode(m); err != nil {
		return fmt.Errorf("write result: %w", err)
	}
	if !m.Valid {
		return &ExitError{Code: 1}
	}
	return nil
}

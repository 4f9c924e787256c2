package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"onecard/config"
	"onecard/store"
)

func runAudit(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] != "verify" {
		return fmt.Errorf("%w: onecard audit verify --data DIR [--json]", errUsage)
	}
	fs := newFlags(env, "audit verify")
	dir := fs.String("data", "", "data directory holding kiosk.db (required)")
	asJSON := fs.Bool("json", false, "print the report as one JSON object")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if *dir == "" || fs.NArg() > 0 {
		return fmt.Errorf("%w: onecard audit verify --data DIR [--json]", errUsage)
	}
	// Opening would create an empty store; a missing one must fail instead.
	if _, err := os.Stat(config.KioskDB(*dir)); err != nil {
		return fmt.Errorf("%s: %w", *dir, errNoKiosk)
	}
	st, err := store.Open(ctx, config.KioskDB(*dir))
	if err != nil {
		return err
	}
	defer st.Close()
	rep, err := st.VerifyAudit(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		b, err := json.Marshal(rep)
		if err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, string(b))
	} else if rep.OK {
		fmt.Fprintf(env.Stdout, "audit chain intact: %d entries, head %d\n", rep.Entries, rep.HeadSeq)
	} else {
		fmt.Fprintf(env.Stdout, "audit chain broken at entry %d: %s (%d entries read, head %d)\n",
			rep.FirstBroken, rep.Problem, rep.Entries, rep.HeadSeq)
	}
	if !rep.OK {
		return &ExitError{Code: 1}
	}
	return nil
}

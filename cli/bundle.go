package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"onecard/central"
	"onecard/credential"
	"onecard/slip"
	"onecard/sync"
	"onecard/trust"
)

// runCentralBundle writes central's current signed trust bundle to a file, to carry to
// a branch without a network link.
func runCentralBundle(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "central bundle")
	cf := addCentralFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: onecard central bundle --data DIR|--postgres DSN FILE", errUsage)
	}
	db, err := cf.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	var b sync.Bundle
	if _, err := db.Get(ctx, sync.KindBundle, sync.BundleKey, &b); errors.Is(err, central.ErrNotFound) {
		return errors.New("central has published no trust bundle yet")
	} else if err != nil {
		return err
	}
	if err := slip.Write(fs.Arg(0), b.Signed); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "trust bundle version %d, issued %s, written to %s\n", b.Version, b.IssuedAt.Format(time.RFC3339), fs.Arg(0))
	return nil
}

// runTrust handles `onecard trust import --data DIR FILE`: an air-gapped branch installs
// a bundle file, checked against the root pinned in its config and never older than the
// installed one.
func runTrust(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] != "import" {
		return fmt.Errorf("%w: onecard trust import --data DIR FILE", errUsage)
	}
	fs := newFlags(env, "trust import")
	dir := fs.String("data", "", "the terminal's data directory (required)")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if *dir == "" || fs.NArg() != 1 {
		return fmt.Errorf("%w: onecard trust import --data DIR FILE", errUsage)
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	raw, err := io.ReadAll(io.LimitReader(f, credential.MaxBundleSize+1))
	f.Close()
	if err != nil {
		return err
	}
	cfg, st, err := openTerminal(ctx, *dir)
	if err != nil {
		return err
	}
	defer st.Close()
	b, err := trust.InstallFile(ctx, st, cfg, raw, time.Now())
	if err != nil {
		return fmt.Errorf("%s: %w", fs.Arg(0), err)
	}
	fmt.Fprintf(env.Stdout, "installed trust bundle version %d, issued %s: %d issuer keys, %d revoked credentials, %d revoked keys\n",
		b.Version, b.IssuedAt.Format(time.RFC3339), len(b.Keys), len(b.RevokedCredentials), len(b.RevokedKeys))
	return nil
}

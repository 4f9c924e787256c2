package cli

import (
	"context"
	"fmt"

	"onecard/sync"
)

func runEnroll(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "enroll")
	dir := fs.String("data", "", "the terminal's data directory (required)")
	url := fs.String("central", "", "central's address, https://host:port (required)")
	code := fs.String("code", "", "one-time enrollment code from `onecard central enroll` (required)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *dir == "" || *url == "" || *code == "" {
		return fmt.Errorf("%w: --data, --central and --code are required", errUsage)
	}
	cfg, err := sync.Enroll(ctx, *dir, *url, *code)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "enrolled terminal %s (branch %s, region %s) with %s\n", cfg.TerminalID, cfg.Branch, cfg.Region, cfg.CentralURL)
	return nil
}

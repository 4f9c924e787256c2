package cli

import (
	"bufio"
	"context"
	"fmt"
	"strings"
	"time"

	"onecard/central"
	"onecard/config"
	"onecard/domain"
	"onecard/pin"
)

// runCentralStaff creates or updates a staff account at central, from where it reaches
// its branch's terminals by sync. The PIN is read from stdin (twice, so a typo is
// caught), checked against the PIN rules and stored only as an argon2id hash.
// --disable deactivates the account instead: it can no longer sign in anywhere.
func runCentralStaff(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "central staff")
	cf := addCentralFlags(fs)
	id := fs.String("id", "", "staff id, unique (required)")
	name := fs.String("name", "", "full name")
	role := fs.String("role", "", "counter, exit_entry, supervisor or auditor")
	branch := fs.String("branch", "", "branch whose terminals the account reaches (required)")
	disable := fs.Bool("disable", false, "deactivate the account instead of setting its PIN")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	s := domain.Staff{ID: strings.TrimSpace(*id), Name: strings.TrimSpace(*name), Role: domain.Role(*role),
		Branch: *branch, Active: !*disable, UpdatedAt: time.Now()}
	if s.ID == "" || s.Branch == "" {
		return fmt.Errorf("%w: --id and --branch are required", errUsage)
	}
	db, err := cf.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if *disable {
		if err := db.DisableStaff(ctx, s.ID, s.UpdatedAt); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "staff %s disabled\n", s.ID)
		return nil
	}
	code, err := readNewPIN(env, config.Default().PINRules)
	if err != nil {
		return err
	}
	if s.PINHash, err = pin.Hash(code, pin.DefaultParams()); err != nil {
		return err
	}
	if err := s.Validate(); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if err := db.Update(ctx, func(t *central.Tx) error { return t.PutStaff(ctx, s) }); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "staff %s (%s) saved for branch %s\n", s.ID, s.Role, s.Branch)
	return nil
}

// readNewPIN reads a new PIN and its repetition, one per line, and checks the rules.
func readNewPIN(env Env, rules pin.Rules) (string, error) {
	sc := bufio.NewScanner(env.Stdin)
	var lines [2]string
	for i := range lines {
		if !sc.Scan() {
			return "", fmt.Errorf("%w: give the new PIN twice on stdin, one per line", errUsage)
		}
		lines[i] = strings.TrimSpace(sc.Text())
	}
	if lines[0] != lines[1] {
		return "", fmt.Errorf("the two PINs differ")
	}
	if err := rules.Check(lines[0]); err != nil {
		return "", fmt.Errorf("PIN refused: %w", err)
	}
	return lines[0], nil
}

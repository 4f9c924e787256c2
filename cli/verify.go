package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"onecard/config"
	"onecard/credential"
	"onecard/domain"
	"onecard/store"
	"onecard/trust"
)

// maxPayload bounds what verify reads from stdin: a QR code holds under 4,300 characters.
const maxPayload = 64 << 10

func runVerify(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "verify")
	dir := fs.String("data", "", "data directory of the terminal (required)")
	at := fs.String("at", "", "verify as of this instant (RFC 3339), instead of now")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *dir == "" || fs.NArg() != 1 {
		return fmt.Errorf("%w: onecard verify --data DIR [--at TIME] PAYLOAD|-", errUsage)
	}
	clock := time.Now
	if *at != "" {
		t, err := time.Parse(time.RFC3339, *at)
		if err != nil {
			return fmt.Errorf("%w: --at %q: want RFC 3339, e.g. 2026-11-27T10:00:00+08:00", errUsage, *at)
		}
		clock = func() time.Time { return t }
	}
	payload := fs.Arg(0)
	if payload == "-" {
		b, err := io.ReadAll(io.LimitReader(env.Stdin, maxPayload))
		if err != nil {
			return fmt.Errorf("read payload: %w", err)
		}
		payload = string(b)
	}
	payload = strings.TrimSpace(payload)

	cfg, st, err := openTerminal(ctx, *dir)
	if err != nil {
		return err
	}
	defer st.Close()
	v, err := trust.NewVerifier(ctx, st, cfg, clock)
	if err != nil {
		return err
	}
	res := v.Verify(ctx, payload)
	if err := auditVerification(ctx, st, cfg, res, clock()); err != nil {
		return err
	}
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(res); err != nil {
		return err
	}
	switch res.Verdict {
	case credential.Valid:
		return nil
	case credential.Invalid:
		return &ExitError{Code: 1}
	}
	return &ExitError{Code: 2}
}

// auditVerification records a command-line verification like one at the counter: the
// trail must show every verification, whoever ran it.
func auditVerification(ctx context.Context, st *store.Store, cfg config.Config, res credential.Result, at time.Time) error {
	outcome := domain.OutcomeOK
	if res.Verdict != credential.Valid {
		outcome = domain.OutcomeDenied
	}
	_, err := st.Audit(ctx, domain.AuditEntry{
		At: at, Terminal: cfg.TerminalID, StaffID: "cli", Event: "verify", Subject: res.Permit,
		Outcome: outcome, Detail: string(res.Verdict) + " " + string(res.Reason),
	})
	return err
}

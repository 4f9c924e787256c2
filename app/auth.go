package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"onecard/config"
	"onecard/domain"
	"onecard/pin"
	"onecard/store"
)

// AuthOutcome is how a PIN check ended.
type AuthOutcome int

const (
	AuthOK           AuthOutcome = iota
	AuthWrongPIN                 // wrong PIN, unknown or inactive account: one answer, so IDs cannot be probed
	AuthLockedOut                // the account is locked after too many failures
	AuthNotPermitted             // right PIN, but this role may not do it (quit, unlock someone else)
	AuthBadFormat                // the PIN breaks the configured rules; nothing was checked
)

// AuthRequest is one PIN check: a login, an unlock or a supervisor's quit.
type AuthRequest struct {
	Terminal string
	StaffID  string
	PIN      string
	Event    string // audit event: login, unlock, quit
	Subject  string // what it concerns; the account itself when empty
	Now      time.Time
	Lockout  config.Lockout
	Rules    pin.Rules
	// Allow decides, after the PIN verified, whether this account may do it; nil allows all.
	Allow func(domain.Staff) bool
}

// AuthResult is the answer; Left counts the wrong PINs still allowed before lockout.
type AuthResult struct {
	Outcome     AuthOutcome
	Staff       domain.Staff
	LockedUntil time.Time
	Left        int
	Tripped     bool // this attempt locked the account
}

// decoyHash is checked when the staff ID is unknown, so that an unknown ID costs the
// same time as a wrong PIN and cannot be told apart by timing.
const decoyHash = "$argon2id$v=19$m=19456,t=2,p=1$kzIUQmKc+8j/9iyBtxs/KQ$fQekxM49im3b0PeIZf+sP79eVEoTg2dul+nsitNM3Dc"

// Authenticate checks a PIN (argon2id, ~50 ms: call it from a Cmd), counts failures
// towards lockout and audits the attempt, the lockout and the outcome in one transaction.
func Authenticate(ctx context.Context, st *store.Store, r AuthRequest) (AuthResult, error) {
	if r.Subject == "" {
		r.Subject = r.StaffID
	}
	if r.Rules.Check(r.PIN) != nil {
		return AuthResult{Outcome: AuthBadFormat}, nil
	}
	s, err := st.Staff(ctx, r.StaffID)
	known := err == nil && s.Active
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return AuthResult{}, fmt.Errorf("authenticate %s: %w", r.StaffID, err)
	}
	entry := func(event string, outcome domain.Outcome, detail string) domain.AuditEntry {
		return domain.AuditEntry{At: r.Now, Terminal: r.Terminal, StaffID: r.StaffID, Event: event,
			Subject: r.Subject, Outcome: outcome, Detail: detail}
	}
	if known && s.LockedUntil.After(r.Now) {
		_, err := st.Audit(ctx, entry(r.Event, domain.OutcomeDenied, "account locked until "+s.LockedUntil.Format(time.RFC3339)))
		return AuthResult{Outcome: AuthLockedOut, Staff: s, LockedUntil: s.LockedUntil}, err
	}
	hash := decoyHash
	if known {
		hash = s.PINHash
	}
	ok, err := pin.Verify(hash, r.PIN)
	if err != nil {
		return AuthResult{}, fmt.Errorf("authenticate %s: %w", r.StaffID, err)
	}
	res := AuthResult{Staff: s}
	err = st.Update(ctx, func(w *store.Writer) error {
		switch {
		case !known:
			res.Outcome = AuthWrongPIN
			_, err := w.Audit(ctx, entry(r.Event, domain.OutcomeDenied, "unknown or inactive staff id"))
			return err
		case !ok:
			after, err := w.RecordLoginFailure(ctx, s.ID, r.Now, r.Lockout.MaxFailures, r.Lockout.Duration.D())
			if err != nil {
				return err
			}
			res.Outcome, res.Left = AuthWrongPIN, r.Lockout.MaxFailures-after.FailedLogins
			if _, err := w.Audit(ctx, entry(r.Event, domain.OutcomeDenied, "wrong PIN")); err != nil {
				return err
			}
			if after.LockedUntil.After(r.Now) {
				res.Outcome, res.LockedUntil, res.Tripped = AuthLockedOut, after.LockedUntil, true
				_, err = w.Audit(ctx, entry("lockout", domain.OutcomeDenied,
					fmt.Sprintf("%d wrong PINs; locked until %s", r.Lockout.MaxFailures, after.LockedUntil.Format(time.RFC3339))))
			}
			return err
		case r.Allow != nil && !r.Allow(s):
			res.Outcome = AuthNotPermitted
			if err := w.ClearLoginFailures(ctx, s.ID); err != nil {
				return err
			}
			_, err := w.Audit(ctx, entry(r.Event, domain.OutcomeDenied, "role "+string(s.Role)+" not permitted"))
			return err
		default:
			res.Outcome = AuthOK
			if err := w.ClearLoginFailures(ctx, s.ID); err != nil {
				return err
			}
			_, err := w.Audit(ctx, entry(r.Event, domain.OutcomeOK, "role "+string(s.Role)))
			return err
		}
	})
	if err != nil {
		return AuthResult{}, fmt.Errorf("authenticate %s: %w", r.StaffID, err)
	}
	return res, nil
}

// AuthRequest starts a request from this context's config and clock.
func (c *Context) AuthRequest(event, staffID, pinText string) AuthRequest {
	lockout := c.Config.Lockout
	if lockout.MaxFailures <= 0 || lockout.Duration <= 0 {
		lockout = config.Default().Lockout // a hand-edited config must not switch lockout off
	}
	return AuthRequest{
		Terminal: c.Config.TerminalID, StaffID: staffID, PIN: pinText, Event: event,
		Now: c.Clock(), Lockout: lockout, Rules: c.Config.PINRules,
	}
}

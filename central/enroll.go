package central

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"database/sql"
	"encoding/base32"
	"errors"
	"fmt"
	"strings"
	"time"

	"onecard/domain"
	"onecard/sync"
)

// DefaultCodeTTL is how long an enrollment code stays redeemable.
const DefaultCodeTTL = 24 * time.Hour

// Refusal is a request central turns down; Code is one of the sync.Problem codes.
type Refusal struct {
	Code string
	Msg  string
}

func (r *Refusal) Error() string { return r.Code + ": " + r.Msg }

func refuse(code, format string, args ...any) error {
	return &Refusal{Code: code, Msg: fmt.Sprintf(format, args...)}
}

// NewEnrollCode records a one-time code that enrolls one terminal for branch and
// region, valid for ttl.
func (db *DB) NewEnrollCode(ctx context.Context, k *Keys, branch, region string, ttl time.Duration, now time.Time) (sync.Code, error) {
	if strings.TrimSpace(branch) == "" {
		return sync.Code{}, fmt.Errorf("enrollment code: branch is required")
	}
	if err := domain.CheckRegion(region); err != nil {
		return sync.Code{}, fmt.Errorf("enrollment code: %w", err)
	}
	c, err := sync.NewCode(k.CAFinger)
	if err != nil {
		return c, err
	}
	err = db.Update(ctx, func(t *Tx) error {
		_, err := t.exec(ctx, `INSERT INTO enroll_codes (id, secret_hash, branch, region, created_at, expires_at)
VALUES (?, ?, ?, ?, ?, ?)`, c.ID, sync.SecretHash(c.Secret), branch, region, now.UnixMilli(), now.Add(ttl).UnixMilli())
		return err
	})
	return c, err
}

// Enroll redeems a code: it issues the terminal's client certificate and records the
// terminal. A code works once, before it expires, and only with its secret.
func (db *DB) Enroll(ctx context.Context, k *Keys, req sync.EnrollRequest, now time.Time) (sync.EnrollResponse, error) {
	var resp sync.EnrollResponse
	err := db.Update(ctx, func(t *Tx) error {
		var hash, branch, region string
		var expires int64
		var used sql.NullInt64
		err := t.queryRow(ctx, `SELECT secret_hash, branch, region, expires_at, used_at FROM enroll_codes WHERE id = ?`,
			strings.ToUpper(req.CodeID)).Scan(&hash, &branch, &region, &expires, &used)
		if errors.Is(err, sql.ErrNoRows) {
			return refuse(sync.ProblemBadCode, "unknown enrollment code")
		}
		if err != nil {
			return err
		}
		if subtle.ConstantTimeCompare([]byte(hash), []byte(sync.SecretHash(strings.ToUpper(req.Secret)))) != 1 {
			return refuse(sync.ProblemBadCode, "wrong enrollment code")
		}
		if used.Valid {
			return refuse(sync.ProblemCodeUsed, "enrollment code already used")
		}
		if now.UnixMilli() >= expires {
			return refuse(sync.ProblemCodeExpired, "enrollment code expired")
		}
		id, err := newTerminalID()
		if err != nil {
			return err
		}
		der, serial, err := k.ca.signTerminal(req.CSR, id, branch, region, now)
		if err != nil {
			return refuse(sync.ProblemBadRequest, "%v", err)
		}
		// The used_at IS NULL condition makes a code single-use even when two
		// instances redeem it at the same moment.
		res, err := t.exec(ctx, `UPDATE enroll_codes SET used_at = ?, terminal_id = ? WHERE id = ? AND used_at IS NULL`,
			now.UnixMilli(), id, strings.ToUpper(req.CodeID))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return refuse(sync.ProblemCodeUsed, "enrollment code already used")
		}
		if _, err := t.exec(ctx, `INSERT INTO terminals (id, branch, region, cert_serial, enrolled_at) VALUES (?, ?, ?, ?, ?)`,
			id, branch, region, serial.Text(16), now.UnixMilli()); err != nil {
			return err
		}
		resp = sync.EnrollResponse{TerminalID: id, Branch: branch, Region: region, Certificate: der,
			CA: k.CACertDER, TrustRoot: k.RootPub, ServerTime: now.UTC()}
		return nil
	})
	return resp, err
}

func newTerminalID() (string, error) {
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return "T-" + base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b[:]), nil
}

package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ErrBundleDowngrade refuses a trust bundle older than the installed one.
var ErrBundleDowngrade = errors.New("trust bundle is not newer than the installed one")

// InstalledBundle is the trust bundle as stored: the signed bytes and what was read from them.
type InstalledBundle struct {
	Version     uint64
	IssuedAt    time.Time
	InstalledAt time.Time
	Raw         []byte
}

// InstallTrustBundle replaces the trust bundle in the writer's transaction. The caller
// has already verified raw against the pinned root. An older version is refused, so a
// replayed old bundle cannot bring back a revoked key; the installed bundle sent again
// (a sync started over) changes nothing, and other bytes under its version are refused.
func (w *Writer) InstallTrustBundle(ctx context.Context, b InstalledBundle) error {
	var current uint64
	var raw []byte
	err := w.tx.QueryRowContext(ctx, `SELECT version, raw FROM trust_bundle WHERE id = 1`).Scan(&current, &raw)
	if err := ignoreNoRows(err); err != nil {
		return fmt.Errorf("install trust bundle: %w", err)
	}
	if err == nil {
		switch {
		case b.Version == current && bytes.Equal(b.Raw, raw):
			return nil
		case b.Version <= current:
			return fmt.Errorf("install trust bundle %d over %d: %w", b.Version, current, ErrBundleDowngrade)
		}
	}
	_, err = w.exec(ctx, `INSERT INTO trust_bundle (id, version, issued_at, installed_at, raw) VALUES (1, ?, ?, ?, ?)
		ON CONFLICT(id) DO UPDATE SET version = excluded.version, issued_at = excluded.issued_at,
		installed_at = excluded.installed_at, raw = excluded.raw`,
		int64(b.Version), b.IssuedAt.UnixMilli(), b.InstalledAt.UnixMilli(), b.Raw)
	if err != nil {
		return fmt.Errorf("install trust bundle: %w", err)
	}
	return nil
}

// TrustBundle returns the installed bundle, or ErrNotFound when none was installed yet.
func (s *Store) TrustBundle(ctx context.Context) (InstalledBundle, error) {
	var b InstalledBundle
	var version int64
	var issued, installed sql.NullInt64
	err := s.reader.QueryRowContext(ctx, `SELECT version, issued_at, installed_at, raw FROM trust_bundle WHERE id = 1`).
		Scan(&version, &issued, &installed, &b.Raw)
	if err != nil {
		return b, notFound(err, "trust bundle")
	}
	b.Version, b.IssuedAt, b.InstalledAt = uint64(version), fromMillis(issued), fromMillis(installed)
	return b, nil
}

// SeenNonce records an e-SSC code's (credential id, nonce) and reports whether it was
// seen before; the primary key makes the check and the record one atomic statement.
func (s *Store) SeenNonce(ctx context.Context, credentialID string, nonce []byte, at time.Time) (bool, error) {
	res, err := s.writer.ExecContext(ctx, `INSERT INTO seen_nonces (credential_id, nonce, code_time)
		VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, credentialID, nonce, at.UnixMilli())
	if err != nil {
		return false, fmt.Errorf("record nonce: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, err
	}
	return n == 0, nil
}

// PruneNonces forgets nonces of codes older than before: such codes fail as stale
// before replay is even checked.
func (s *Store) PruneNonces(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.writer.ExecContext(ctx, `DELETE FROM seen_nonces WHERE code_time < ?`, before.UnixMilli())
	if err != nil {
		return 0, fmt.Errorf("prune nonces: %w", err)
	}
	return res.RowsAffected()
}

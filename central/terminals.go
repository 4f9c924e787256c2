package central

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Terminal is an enrolled branch terminal.
type Terminal struct {
	ID, Branch, Region string
	CertSerial         string // hex; only the certificate of the latest enrollment is accepted
	EnrolledAt         time.Time
	RevokedAt          time.Time // zero: active
	LastSeenAt         time.Time
	Cursor             int64 // the last change number the terminal asked after
}

// Terminal reads an enrolled terminal.
func (db *DB) Terminal(ctx context.Context, id string) (Terminal, error) {
	t := Terminal{ID: id}
	var enrolled int64
	var revoked, seen sql.NullInt64
	err := db.queryRow(ctx, `SELECT branch, region, cert_serial, enrolled_at, revoked_at, last_seen_at, cursor
FROM terminals WHERE id = ?`, id).Scan(&t.Branch, &t.Region, &t.CertSerial, &enrolled, &revoked, &seen, &t.Cursor)
	if errors.Is(err, sql.ErrNoRows) {
		return t, fmt.Errorf("terminal %s: %w", id, ErrNotFound)
	}
	t.EnrolledAt = time.UnixMilli(enrolled).UTC()
	if revoked.Valid {
		t.RevokedAt = time.UnixMilli(revoked.Int64).UTC()
	}
	if seen.Valid {
		t.LastSeenAt = time.UnixMilli(seen.Int64).UTC()
	}
	return t, err
}

// Terminals lists every enrolled terminal, for the sync-lag metric.
func (db *DB) Terminals(ctx context.Context) ([]Terminal, error) {
	rows, err := db.query(ctx, `SELECT id FROM terminals ORDER BY id`)
	if err != nil {
		return nil, err
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, err
	}
	out := make([]Terminal, 0, len(ids))
	for _, id := range ids {
		t, err := db.Terminal(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// RevokeTerminal refuses the terminal from now on (a lost or stolen kiosk).
func (db *DB) RevokeTerminal(ctx context.Context, id string, now time.Time) error {
	return db.Update(ctx, func(t *Tx) error {
		res, err := t.exec(ctx, `UPDATE terminals SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`, now.UnixMilli(), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("terminal %s: %w (or already revoked)", id, ErrNotFound)
		}
		return nil
	})
}

// seen records that a terminal asked for changes after cursor.
func (db *DB) seen(ctx context.Context, id string, cursor int64, now time.Time) error {
	return db.Update(ctx, func(t *Tx) error {
		_, err := t.exec(ctx, `UPDATE terminals SET last_seen_at = ?, cursor = ? WHERE id = ?`, now.UnixMilli(), cursor, id)
		return err
	})
}

// HeadSeq is the newest change number.
func (db *DB) HeadSeq(ctx context.Context) (int64, error) {
	var n int64
	err := db.queryRow(ctx, `SELECT n FROM counters WHERE name = 'changes'`).Scan(&n)
	return n, err
}

package central

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Count returns how many live entities of a kind a scope holds.
func (db *DB) Count(ctx context.Context, kind, scope string) (int, error) {
	var n int
	err := db.queryRow(ctx, `SELECT count(*) FROM changes WHERE kind = ? AND scope = ? AND op = 'upsert'`, kind, scope).Scan(&n)
	return n, err
}

// Get reads an entity's current document into v and returns its scope.
func (db *DB) Get(ctx context.Context, kind, key string, v any) (scope string, err error) {
	err = db.Update(ctx, func(t *Tx) error {
		scope, err = t.get(ctx, kind, key, v)
		return err
	})
	return scope, err
}

// EventRecord is a branch event as central keeps it.
type EventRecord struct {
	Seq        int64
	Kind       string
	State      string
	Reason     string
	ReceivedAt time.Time
}

// Events lists a terminal's events in sequence order.
func (db *DB) Events(ctx context.Context, terminalID string) ([]EventRecord, error) {
	rows, err := db.query(ctx, `SELECT seq, kind, state, reason, received_at FROM events WHERE terminal_id = ? ORDER BY seq`, terminalID)
	if err != nil {
		return nil, err
	}
	var out []EventRecord
	for rows.Next() {
		var e EventRecord
		var at int64
		if err := rows.Scan(&e.Seq, &e.Kind, &e.State, &e.Reason, &at); err != nil {
			rows.Close()
			return nil, err
		}
		e.ReceivedAt = time.UnixMilli(at).UTC()
		out = append(out, e)
	}
	return out, errors.Join(rows.Err(), rows.Close())
}

// AuditHead returns the newest audit entry central holds for a terminal: its seq and
// hash, to compare with the terminal's own head. ErrNotFound when none arrived yet.
func (db *DB) AuditHead(ctx context.Context, terminalID string) (seq int64, hash string, err error) {
	err = db.Update(ctx, func(t *Tx) error {
		err := t.queryRow(ctx, `SELECT seq, hash FROM audit_heads WHERE terminal_id = ?`, terminalID).Scan(&seq, &hash)
		if isNoRows(err) {
			return fmt.Errorf("audit head of %s: %w", terminalID, ErrNotFound)
		}
		return err
	})
	return seq, hash, err
}

package central

import (
	"context"
	"database/sql"
	"errors"
)

// setting reads a named value; "" when unset.
func (t *Tx) setting(ctx context.Context, name string) (string, error) {
	var v string
	err := t.queryRow(ctx, `SELECT value FROM settings WHERE name = ?`, name).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// initSetting stores value under name unless another instance got there first, and
// returns whichever value won, so instances starting together agree on one CA and key.
func (t *Tx) initSetting(ctx context.Context, name string, make func() (string, error)) (string, error) {
	v, err := t.setting(ctx, name)
	if err != nil || v != "" {
		return v, err
	}
	v, err = make()
	if err != nil {
		return "", err
	}
	if _, err := t.exec(ctx, `INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`, name, v); err != nil {
		return "", err
	}
	return t.setting(ctx, name)
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

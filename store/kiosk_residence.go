package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
)

// refCounterKey is the sync-state key holding the last number handed out under a
// reference prefix. The counter, not a count of rows, is what makes a reference unique:
// verifications of persons who leave the branch's region are deleted, and a count would
// then hand out a reference again (and PutVerification would overwrite the old one).
func refCounterKey(prefix string) string { return "ref_counter:" + prefix }

// NextRef returns prefix followed by the next number for it, starting at 1, and records
// the number in the writer's transaction, so the reference and the record that carries
// it commit together and a rolled-back decision leaves no gap in the count. The number
// also stays above any reference already stored with that prefix.
func (w *Writer) NextRef(ctx context.Context, prefix string) (string, error) {
	if prefix == "" {
		return "", fmt.Errorf("next reference: empty prefix")
	}
	var last int64
	var counter string
	err := w.tx.QueryRowContext(ctx, `SELECT value FROM sync_state WHERE key = ?`, refCounterKey(prefix)).Scan(&counter)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return "", fmt.Errorf("next reference %s: %w", prefix, err)
	default:
		if last, err = strconv.ParseInt(counter, 10, 64); err != nil {
			return "", fmt.Errorf("next reference %s: counter %q: %w", prefix, counter, err)
		}
	}
	var stored sql.NullInt64
	err = w.tx.QueryRowContext(ctx, `SELECT max(CAST(substr(ref, ?) AS INTEGER)) FROM residence_verifications
		WHERE substr(ref, 1, ?) = ?`, len(prefix)+1, len(prefix), prefix).Scan(&stored)
	if err != nil {
		return "", fmt.Errorf("next reference %s: %w", prefix, err)
	}
	n := max(last, stored.Int64) + 1
	if err := w.SetState(ctx, refCounterKey(prefix), strconv.FormatInt(n, 10)); err != nil {
		return "", err
	}
	return prefix + strconv.FormatInt(n, 10), nil
}

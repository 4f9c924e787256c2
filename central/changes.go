package central

import (
	"context"
	"database/sql"
	"fmt"
)

// ChangeFunc receives one change of a pull page; doc is only valid during the call.
type ChangeFunc func(seq int64, kind, key, op string, doc []byte) error

// Changes streams up to limit changes after cursor in the given scopes, in change
// order, and returns how many it sent and the last seq sent (cursor when none). The
// read is one statement, so it sees one consistent state of the log.
func (db *DB) Changes(ctx context.Context, scopes []string, cursor int64, limit int, fn ChangeFunc) (n int, last int64, err error) {
	if len(scopes) != 3 {
		return 0, cursor, fmt.Errorf("changes: want a region, national and a branch scope")
	}
	rows, err := db.query(ctx, `SELECT seq, kind, ekey, op, doc FROM changes
WHERE seq > ? AND scope IN (?, ?, ?) ORDER BY seq LIMIT ?`, cursor, scopes[0], scopes[1], scopes[2], limit)
	if err != nil {
		return 0, cursor, fmt.Errorf("read changes: %w", err)
	}
	defer rows.Close()
	last = cursor
	var kind, key, op string
	var doc sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&last, &kind, &key, &op, &doc); err != nil {
			return n, last, err
		}
		if err := fn(last, kind, key, op, doc); err != nil {
			return n, last, err
		}
		n++
	}
	return n, last, rows.Err()
}

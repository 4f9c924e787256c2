package central

import (
	"context"
	"database/sql"
	"fmt"
	"io"
)

// Changes writes up to limit changes after cursor in the given scopes to w, in change
// order, one sync.Change JSON object a line, and returns how many it wrote and the seq
// of the last (cursor when none). The read is one statement, so it sees one consistent
// state of the log.
//
// The database builds each line: reading a change's columns into Go one by one and
// writing the line there cost central more than anything else in a first sync.
func (db *DB) Changes(ctx context.Context, scopes []string, cursor int64, limit int, w io.Writer) (n int, last int64, err error) {
	if len(scopes) != 3 {
		return 0, cursor, fmt.Errorf("changes: want a region, national and a branch scope")
	}
	// Kinds and ops are onecard's own words and a doc is JSON: only keys, which come
	// from outside, are quoted.
	rows, err := db.query(ctx, `SELECT seq, '{"seq":' || seq || ',"kind":"' || kind || '","key":' || `+db.d.jsonQuote("ekey")+` ||
	',"op":"' || op || '"' || coalesce(',"doc":' || doc, '') || '}
' FROM changes WHERE seq > ? AND scope IN (?, ?, ?) ORDER BY seq LIMIT ?`, cursor, scopes[0], scopes[1], scopes[2], limit)
	if err != nil {
		return 0, cursor, fmt.Errorf("read changes: %w", err)
	}
	defer rows.Close()
	last = cursor
	var line sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&last, &line); err != nil {
			return n, last, err
		}
		if _, err := w.Write(line); err != nil {
			return n, last, err
		}
		n++
	}
	return n, last, rows.Err()
}

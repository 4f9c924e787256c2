package central

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
)

// changeChunk is how many change lines one statement reads: the database builds them
// and hands them over as one text, and a chunk bounds the memory that takes.
const changeChunk = 1000

// Changes writes up to limit changes after cursor in the given scopes to w, in change
// order, one sync.Change JSON object a line, and returns how many it wrote and the seq
// of the last (cursor when none).
//
// The database builds the lines, a chunk at a time: reading each change's columns into
// Go and writing the line there cost central more than anything else in a first sync.
// Chunks are separate reads; none can miss a change, because change numbers become
// visible in the order they were handed out (Tx.nextSeq).
func (db *DB) Changes(ctx context.Context, scopes []string, cursor int64, limit int, w io.Writer) (n int, last int64, err error) {
	if len(scopes) != 3 {
		return 0, cursor, fmt.Errorf("changes: want a region, national and a branch scope")
	}
	quote := db.d.jsonQuote
	// The keys of doc, kind and op need no quoting by the database: a doc is JSON and
	// kinds and ops are onecard's own words; keys come from outside and are quoted.
	query := `SELECT count(*), max(seq), string_agg(line, '' ORDER BY seq) FROM (
	SELECT seq, '{"seq":' || seq || ',"kind":"' || kind || '","key":' || ` + quote("ekey") + ` ||
		',"op":"' || op || '"' || coalesce(',"doc":' || doc, '') || '}
' AS line
	FROM changes WHERE seq > ? AND scope IN (?, ?, ?) ORDER BY seq LIMIT ?) AS page`
	last = cursor
	for n < limit {
		want := min(changeChunk, limit-n)
		got, max, err := db.changeChunk(ctx, w, query, last, scopes, want)
		if err != nil {
			return n, last, fmt.Errorf("read changes: %w", err)
		}
		if got == 0 {
			break
		}
		n, last = n+got, max
		if got < want {
			break // the log has no more
		}
	}
	return n, last, nil
}

// changeChunk writes the lines of one chunk and returns how many and the last seq.
func (db *DB) changeChunk(ctx context.Context, w io.Writer, query string, after int64, scopes []string, limit int) (int, int64, error) {
	rows, err := db.query(ctx, query, after, scopes[0], scopes[1], scopes[2], limit)
	if err != nil {
		return 0, 0, err
	}
	var n int
	var last sql.NullInt64
	var lines sql.RawBytes
	if rows.Next() {
		err = rows.Scan(&n, &last, &lines)
		if err == nil && n > 0 {
			_, err = w.Write(lines)
		}
	}
	return n, last.Int64, errors.Join(err, rows.Err(), rows.Close())
}

package central

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"strconv"
)

// changeChunk is how many lines one read of the change log returns as a single value.
const changeChunk = 1000

// Changes writes up to limit changes after cursor in the given scopes to w, in change
// order, one sync.Change JSON object a line, and returns how many it wrote and the seq
// of the last (cursor when none).
//
// The database builds the lines and joins them, changeChunk at a time, into one value:
// reading a change's columns into Go one by one and writing the line there cost central
// more than anything else in a first sync, and after that so did handing rows to Go one
// at a time. A page is read in several statements, which is as safe as reading it in
// several pages: a change only ever moves to a higher seq (the paging rule the pull
// already depends on), so a later read cannot miss one that an earlier read passed.
func (db *DB) Changes(ctx context.Context, scopes []string, cursor int64, limit int, w io.Writer) (n int, last int64, err error) {
	if len(scopes) != 3 {
		return 0, cursor, fmt.Errorf("changes: want a region, national and a branch scope")
	}
	last = cursor
	for n < limit {
		chunk := min(limit-n, changeChunk)
		got, end, err := db.changeChunk(ctx, scopes, last, chunk, w)
		n, last = n+got, end // end is last again when the chunk is empty
		if err != nil || got < chunk {
			return n, last, err
		}
	}
	return n, last, nil
}

// changeChunk writes up to limit changes after cursor in one read.
func (db *DB) changeChunk(ctx context.Context, scopes []string, cursor int64, limit int, w io.Writer) (n int, last int64, err error) {
	// Kinds and ops are onecard's own words and a doc is JSON: only keys, which come
	// from outside, are quoted.
	rows, err := db.query(ctx, `SELECT coalesce(`+db.d.joinInOrder("line", "seq")+`, '')
FROM (SELECT seq, '{"seq":' || seq || ',"kind":"' || kind || '","key":' || `+db.d.jsonQuote("ekey")+` ||
	',"op":"' || op || '"' || coalesce(',"doc":' || doc, '') || '}
' AS line FROM changes WHERE seq > ? AND scope IN (?, ?, ?) ORDER BY seq LIMIT ?) page`,
		cursor, scopes[0], scopes[1], scopes[2], limit)
	if err != nil {
		return 0, cursor, fmt.Errorf("read changes: %w", err)
	}
	defer rows.Close()
	var lines sql.RawBytes
	if !rows.Next() {
		return 0, cursor, rows.Err()
	}
	if err := rows.Scan(&lines); err != nil {
		return 0, cursor, fmt.Errorf("read changes: %w", err)
	}
	if n, last, err = inOrder(lines, cursor); err != nil {
		return 0, cursor, err
	}
	if _, err := w.Write(lines); err != nil {
		return 0, cursor, err
	}
	return n, last, rows.Err()
}

// inOrder counts the lines of a chunk and returns the last one's seq, after checking
// that every seq is higher than the one before it, starting after cursor. SQLite joins
// the lines in the order its subquery yields them without being told (joinInOrder);
// this makes that order a checked fact, not an assumption, for a few nanoseconds a
// line.
func inOrder(lines []byte, cursor int64) (n int, last int64, err error) {
	last = cursor
	for len(lines) > 0 {
		end := bytes.IndexByte(lines, '\n')
		rest, ok := bytes.CutPrefix(lines, []byte(`{"seq":`))
		digits := bytes.IndexByte(rest, ',')
		if end < 0 || !ok || digits < 0 {
			return 0, cursor, fmt.Errorf("read changes: malformed line after seq %d", last)
		}
		seq, err := strconv.ParseInt(string(rest[:digits]), 10, 64)
		if err != nil || seq <= last {
			return 0, cursor, fmt.Errorf("read changes: seq %q after %d, out of order", rest[:digits], last)
		}
		last = seq
		n++
		lines = lines[end+1:]
	}
	return n, last, nil
}

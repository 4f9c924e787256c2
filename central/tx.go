package central

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"unsafe"

	"onecard/rowpack"
	"onecard/sync"
)

// Tx is one write transaction on central's store.
type Tx struct {
	db     *DB
	tx     *sql.Tx
	fresh  bool
	stmts  map[string]*sql.Stmt
	seq    int64 // last change number handed out in this transaction; 0: none yet
	locked bool
	// scopes caches the scope of persons written in this transaction, so the records
	// linked to a person find it without a query (a seed batch writes a person, then
	// its permit, e-SSC, ...).
	scopes map[int64]string
	// pending holds the change rows of puts not yet written, loadBatch at most, in a
	// fresh load on SQLite (see put); flushErr is a failed flush that a read could not
	// return, reported when the transaction ends.
	pending  rowpack.Rows
	flushErr error
}

// loadBatch is how many change rows a fresh load writes per statement: one statement
// per row spent more in database/sql, binding and statement start-up than in SQLite's
// insert itself.
const loadBatch = 1000

func (t *Tx) closeStmts() {
	for _, st := range t.stmts {
		st.Close()
	}
}

func (t *Tx) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	st, ok := t.stmts[query]
	if !ok {
		var err error
		st, err = t.tx.PrepareContext(ctx, t.db.q(query))
		if err != nil {
			return nil, err
		}
		t.stmts[query] = st
	}
	return st, nil
}

// exec runs a statement, prepared once per transaction, after the buffered puts.
func (t *Tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if err := t.flush(ctx); err != nil {
		return nil, err
	}
	return t.execNow(ctx, query, args...)
}

func (t *Tx) execNow(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	st, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(t.db.execCtx(ctx), args...)
}

func (t *Tx) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	t.flushForRead(ctx)
	st, err := t.stmt(ctx, query)
	if err != nil {
		// A failed prepare surfaces through Scan as the same error.
		return t.tx.QueryRowContext(ctx, t.db.q(query), args...)
	}
	return st.QueryRowContext(ctx, args...)
}

func (t *Tx) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if err := t.flush(ctx); err != nil {
		return nil, err
	}
	return t.tx.QueryContext(ctx, t.db.q(query), args...)
}

// flushForRead writes the buffered puts before a read sees the table; a failure is
// kept for the end of the transaction, which it fails.
func (t *Tx) flushForRead(ctx context.Context) {
	if err := t.flush(ctx); err != nil && t.flushErr == nil {
		t.flushErr = err
	}
}

// flush writes the buffered puts in one upsert of many rows. Rows keep their order,
// and SQLite upserts them one by one, so the result is that of one statement per put.
func (t *Tx) flush(ctx context.Context) error {
	n := t.pending.Len()
	if n == 0 {
		return nil
	}
	_, err := t.execNow(ctx, upsertChangeRows, t.pending.Blob())
	t.pending.Reset()
	if err != nil {
		return fmt.Errorf("put %d changes: %w", n, err)
	}
	return nil
}

// nextSeq hands out the next change number. The first call locks the counter row until
// commit, so change numbers become visible in the order they were given out: a branch
// that has read up to seq n never later finds a smaller, newly committed seq.
func (t *Tx) nextSeq(ctx context.Context) (int64, error) {
	if !t.locked {
		// SET n = n takes PostgreSQL's row lock; SQLite's write transaction already
		// excludes every other writer.
		if err := t.queryRow(ctx, `UPDATE counters SET n = n WHERE name = 'changes' RETURNING n`).Scan(&t.seq); err != nil {
			return 0, fmt.Errorf("change counter: %w", err)
		}
		t.locked = true
	}
	t.seq++
	return t.seq, nil
}

func (t *Tx) flushSeq(ctx context.Context) error {
	if !t.locked {
		return nil
	}
	_, err := t.exec(ctx, `UPDATE counters SET n = ? WHERE name = 'changes'`, t.seq)
	return err
}

// entity is one record as written to the changes table.
type entity struct {
	kind, key, scope string
	personID         int64  // 0: not linked to a person
	due              string // permits: the last valid day while the permit is valid
	doc              any
	encoded          []byte // doc as JSON, when encoded ahead of the put (LoadBatch)
	// absent: the caller found, in this transaction, no row of this kind and key in
	// any scope; so there is no old scope to leave, and the row may wait in pending
	// like a fresh load's (the only later reads are this transaction's, which flush).
	absent bool
}

// encode returns the entity's document as JSON.
func (e entity) encode() ([]byte, error) {
	if e.encoded != nil {
		return e.encoded, nil
	}
	b, err := sync.MarshalDoc(e.doc) // json.Marshal, by hand for the bulk record types
	if err != nil {
		return nil, fmt.Errorf("encode %s %s: %w", e.kind, e.key, err)
	}
	return b, nil
}

const (
	upsertChange = `INSERT INTO changes (seq, scope, kind, ekey, op, person_id, due, doc)
VALUES (?, ?, ?, ?, 'upsert', ?, ?, ?)
` + onChangeConflict
	// upsertChangeRows is upsertChange for the rows of a rowpack.Rows (SQLite only).
	upsertChangeRows = `INSERT INTO changes (seq, scope, kind, ekey, op, person_id, due, doc)
SELECT c0, c1, c2, c3, 'upsert', c4, c5, c6
FROM rowpack(?) WHERE true
` + onChangeConflict
	onChangeConflict = `ON CONFLICT (kind, ekey, scope) DO UPDATE SET seq = excluded.seq, op = 'upsert',
	person_id = excluded.person_id, due = excluded.due, doc = excluded.doc`
)

// put records an entity's new state. An entity that lived in another scope leaves a
// tombstone there (and, for a person, takes its linked records along).
func (t *Tx) put(ctx context.Context, e entity) error {
	b, err := e.encode()
	if err != nil {
		return err
	}
	if !t.fresh && !e.absent {
		if err := t.relocate(ctx, e); err != nil {
			return err
		}
	}
	seq, err := t.nextSeq(ctx)
	if err != nil {
		return err
	}
	if (t.fresh || e.absent) && !t.db.d.numbered {
		// A fresh load reads nothing back between puts, so rows can wait for one
		// statement of many rows (flush). Not on PostgreSQL, which refuses an upsert
		// that touches one row twice.
		r := &t.pending
		r.BeginRow()
		r.Int(seq)
		r.Text(e.scope)
		r.Text(e.kind)
		r.Text(e.key)
		if e.personID != 0 {
			r.Int(e.personID)
		} else {
			r.Null()
		}
		r.TextOrNull(e.due)
		r.TextBytes(b)
		r.EndRow()
		if r.Len() >= loadBatch {
			return t.flush(ctx)
		}
		return nil
	}
	var pid, due any
	if e.personID != 0 {
		pid = e.personID
	}
	if e.due != "" {
		due = e.due
	}
	// The string shares b's bytes instead of copying them: MarshalDoc returns a new
	// slice on every call and nothing else holds or ever writes to it.
	doc := unsafe.String(unsafe.SliceData(b), len(b))
	if _, err := t.exec(ctx, upsertChange, seq, e.scope, e.kind, e.key, pid, due, doc); err != nil {
		return fmt.Errorf("put %s %s: %w", e.kind, e.key, err)
	}
	return nil
}

// liveScope returns the scope where the entity currently lives, or "".
func (t *Tx) liveScope(ctx context.Context, kind, key string) (string, error) {
	var scope string
	err := t.queryRow(ctx, `SELECT scope FROM changes WHERE kind = ? AND ekey = ? AND op = 'upsert'`, kind, key).Scan(&scope)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return scope, err
}

// relocate handles an entity moving to another scope: the old scope gets a tombstone,
// and a person's linked records move with it (the old scope's kiosks drop them when
// they apply the person's delete).
func (t *Tx) relocate(ctx context.Context, e entity) error {
	old, err := t.liveScope(ctx, e.kind, e.key)
	if err != nil || old == "" || old == e.scope {
		return err
	}
	if e.kind == sync.KindPerson {
		if err := t.moveLinked(ctx, e.personID, old, e.scope); err != nil {
			return err
		}
	}
	return t.tombstone(ctx, e.kind, e.key, old, e.personID)
}

func (t *Tx) moveLinked(ctx context.Context, personID int64, from, to string) error {
	// Tombstones of an earlier stay in the new scope would collide with the moved rows.
	if _, err := t.exec(ctx, `DELETE FROM changes WHERE person_id = ? AND scope = ? AND op = 'delete'`, personID, to); err != nil {
		return err
	}
	rows, err := t.query(ctx, `SELECT kind, ekey FROM changes WHERE person_id = ? AND scope = ? AND kind <> ? AND op = 'upsert'`,
		personID, from, sync.KindPerson)
	if err != nil {
		return err
	}
	var keys [][2]string
	for rows.Next() {
		var k [2]string
		if err := rows.Scan(&k[0], &k[1]); err != nil {
			rows.Close()
			return err
		}
		keys = append(keys, k)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return err
	}
	for _, k := range keys {
		seq, err := t.nextSeq(ctx)
		if err != nil {
			return err
		}
		if _, err := t.exec(ctx, `UPDATE changes SET scope = ?, seq = ? WHERE kind = ? AND ekey = ? AND scope = ?`,
			to, seq, k[0], k[1], from); err != nil {
			return fmt.Errorf("move %s %s to %s: %w", k[0], k[1], to, err)
		}
	}
	return nil
}

// tombstone marks an entity deleted in a scope: branches of that scope drop it.
func (t *Tx) tombstone(ctx context.Context, kind, key, scope string, personID int64) error {
	seq, err := t.nextSeq(ctx)
	if err != nil {
		return err
	}
	var pid any
	if personID != 0 {
		pid = personID
	}
	_, err = t.exec(ctx, `INSERT INTO changes (seq, scope, kind, ekey, op, person_id, due, doc)
VALUES (?, ?, ?, ?, 'delete', ?, NULL, NULL)
ON CONFLICT (kind, ekey, scope) DO UPDATE SET seq = excluded.seq, op = 'delete', due = NULL, doc = NULL`,
		seq, scope, kind, key, pid)
	if err != nil {
		return fmt.Errorf("delete %s %s in %s: %w", kind, key, scope, err)
	}
	return nil
}

// Delete removes a live entity; its scope's branches drop it. Deleting a person also
// removes its linked records.
func (t *Tx) Delete(ctx context.Context, kind, key string) error {
	scope, err := t.liveScope(ctx, kind, key)
	if err != nil {
		return err
	}
	if scope == "" {
		return fmt.Errorf("delete %s %s: %w", kind, key, ErrNotFound)
	}
	var pid int64
	if kind == sync.KindPerson {
		pid, _ = strconv.ParseInt(key, 10, 64)
		if _, err := t.exec(ctx, `DELETE FROM changes WHERE person_id = ? AND kind <> ?`, pid, sync.KindPerson); err != nil {
			return err
		}
		delete(t.scopes, pid)
	}
	return t.tombstone(ctx, kind, key, scope, pid)
}

// get reads an entity's current document into v.
func (t *Tx) get(ctx context.Context, kind, key string, v any) (scope string, err error) {
	var doc string
	err = t.queryRow(ctx, `SELECT scope, doc FROM changes WHERE kind = ? AND ekey = ? AND op = 'upsert'`, kind, key).Scan(&scope, &doc)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("%s %s: %w", kind, key, ErrNotFound)
	}
	if err != nil {
		return "", err
	}
	if err := json.Unmarshal([]byte(doc), v); err != nil {
		return "", fmt.Errorf("decode %s %s: %w", kind, key, err)
	}
	return scope, nil
}

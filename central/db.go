package central

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	gosync "sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the PostgreSQL driver, registered as "pgx"
	"github.com/mattn/go-sqlite3"      // the SQLite driver: "sqlite3", and mappedReads below
)

// mappedReads is the driver of central's SQLite read connections: go-sqlite3 with every
// connection reading the database file through a memory map of up to mmapSize bytes.
// Serving a first sync reads the change log once from end to end, and read(2) into
// SQLite's page cache cost a tenth of central's CPU in it; mapped pages are read where
// they lie.
const mappedReads = "sqlite3-central-mapped"

// mmapSize is more than any central database file; SQLite caps it at its compile-time
// limit (2 GiB by default) and maps no more than the file holds.
const mmapSize = 1 << 40

func init() {
	sql.Register(mappedReads, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		_, err := c.Exec("PRAGMA mmap_size = "+strconv.Itoa(mmapSize), nil)
		return err
	}})
}

// ErrNotFound is returned when an entity or row does not exist.
var ErrNotFound = errors.New("not found")

// DB is central's store. The same code serves SQLite and PostgreSQL; only the
// dialect's placeholders and type names differ.
type DB struct {
	d       dialect
	w       *sql.DB // writes (SQLite: one connection, SQLite has one writer anyway)
	r       *sql.DB // reads (the same pool as w on PostgreSQL)
	mu      gosync.Mutex
	rebound map[string]string
}

// OpenSQLite opens (creating if needed) central's SQLite database at path.
func OpenSQLite(ctx context.Context, path string) (*DB, error) {
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_busy_timeout", "10000")
	q.Set("_synchronous", "NORMAL")
	// 256 MiB of page cache keeps the change log's indexes of a few million records in
	// memory while a seed or an import writes; central runs on a server, not a kiosk.
	q.Set("_cache_size", "-262144")
	base := "file:" + url.PathEscape(path) + "?"
	wq := url.Values{}
	for k, v := range q {
		wq[k] = v
	}
	wq.Set("_txlock", "immediate")
	w, err := sql.Open("sqlite3", base+wq.Encode())
	if err != nil {
		return nil, fmt.Errorf("open central %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	q.Set("_query_only", "true")
	r, err := sql.Open(mappedReads, base+q.Encode())
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open central %s: %w", path, err)
	}
	r.SetMaxOpenConns(max(4, runtime.NumCPU()))
	db := &DB{d: sqliteDialect, w: w, r: r}
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open central %s: %w", path, err)
	}
	return db, nil
}

// OpenPostgres connects to central's PostgreSQL database and creates its tables if
// needed.
func OpenPostgres(ctx context.Context, dsn string) (*DB, error) {
	p, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("open central postgres: %w", err)
	}
	p.SetMaxOpenConns(16)
	p.SetConnMaxIdleTime(5 * time.Minute)
	db := &DB{d: postgresDialect, w: p, r: p}
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open central postgres: %w", err)
	}
	return db, nil
}

// Dialect names the database behind db: "sqlite" or "postgres".
func (db *DB) Dialect() string { return db.d.name }

// Close closes the pools.
func (db *DB) Close() error {
	if db.r == db.w {
		return db.w.Close()
	}
	return errors.Join(db.r.Close(), db.w.Close())
}

func (db *DB) migrate(ctx context.Context) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if db.d.schemaLock != "" {
		if _, err := tx.ExecContext(ctx, db.d.schemaLock); err != nil {
			return fmt.Errorf("lock schema: %w", err)
		}
	}
	for _, st := range db.d.statements() {
		if _, err := tx.ExecContext(ctx, st); err != nil {
			return fmt.Errorf("create schema: %w", err)
		}
	}
	return tx.Commit()
}

// q returns the query in the dialect's placeholder form, rewriting each text once.
func (db *DB) q(query string) string {
	if !db.d.numbered {
		return query
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.rebound == nil {
		db.rebound = map[string]string{}
	}
	s, ok := db.rebound[query]
	if !ok {
		s = db.d.rebind(query)
		db.rebound[query] = s
	}
	return s
}

// execCtx is the context a write statement runs under. On SQLite it drops ctx's
// cancellation, because go-sqlite3 starts a goroutine per Exec to watch a cancellable
// context, which costs more than a change-log insert; SQLite statements are short and
// the transaction (begun with ctx) is still rolled back when ctx ends. PostgreSQL keeps
// ctx, so that a statement waiting on the server can be cancelled.
func (db *DB) execCtx(ctx context.Context) context.Context {
	if db.d.numbered || ctx.Done() == nil {
		return ctx
	}
	return context.WithoutCancel(ctx)
}

// query runs a read on the reader pool.
func (db *DB) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return db.r.QueryContext(ctx, db.q(query), args...)
}

// queryRow runs a one-row read on the reader pool.
func (db *DB) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return db.r.QueryRowContext(ctx, db.q(query), args...)
}

// Update runs fn in one write transaction; nothing is written unless fn returns nil.
func (db *DB) Update(ctx context.Context, fn func(t *Tx) error) error {
	return db.update(ctx, false, fn)
}

// Load is Update for filling an empty database in bulk (seeding): puts skip the check
// for an entity that already exists in another scope, which a fresh database cannot
// hold. Use it for nothing else.
func (db *DB) Load(ctx context.Context, fn func(t *Tx) error) error {
	return db.update(ctx, true, fn)
}

// deferredIndexes are the change-log indexes a bulk load leaves out: only reads after
// the load (removals by person) use them. changes_entity stays, because every put's
// upsert relies on it, and so does changes_due: it is small, and a central serving
// while a seed loads runs its expiry reminders, which would read the whole log
// without it.
var deferredIndexes = []string{"changes_person"}

// DeferIndexes drops the change-log indexes that no write needs, for filling a new
// SQLite database in bulk (seeding), and returns the function that builds them again
// in one pass each, which is much cheaper than keeping them up to date row by row.
// The schema's CREATE ... IF NOT EXISTS statements rebuild them, so a load that stops
// before restore leaves a database that the next open repairs. PostgreSQL keeps them.
func (db *DB) DeferIndexes(ctx context.Context) (restore func(context.Context) error, err error) {
	if db.d.numbered {
		return func(context.Context) error { return nil }, nil
	}
	for _, ix := range deferredIndexes {
		if _, err := db.w.ExecContext(ctx, `DROP INDEX IF EXISTS `+ix); err != nil {
			return nil, fmt.Errorf("defer index %s: %w", ix, err)
		}
	}
	return db.migrate, nil
}

// Unsynced stops the SQLite writer from syncing the database to disk: for seeding a
// new database only, which is thrown away if the load does not finish (seed refuses a
// directory that holds a store). A process crash loses nothing already committed;
// only an operating-system crash or power loss during the load can damage the file.
// It saves one fsync per WAL checkpoint, many hundreds over a million-person seed.
func (db *DB) Unsynced(ctx context.Context) error {
	if db.d.numbered {
		return nil
	}
	_, err := db.w.ExecContext(ctx, `PRAGMA synchronous = OFF`)
	return err
}

func (db *DB) update(ctx context.Context, fresh bool, fn func(t *Tx) error) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	t := &Tx{db: db, tx: tx, fresh: fresh, stmts: map[string]*sql.Stmt{}, scopes: map[int64]string{}}
	defer t.closeStmts()
	if err := fn(t); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := errors.Join(t.flush(ctx), t.flushErr); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := t.flushSeq(ctx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Unjournaled switches the SQLite database from WAL to no journal at all, for filling
// a new database that nothing reads meanwhile (a seed's load): each page is written
// once, into the file, instead of into the WAL and then the file, which saves a
// quarter of the load's time (a journal kept in memory saved much less). Without a
// journal a failed transaction cannot be rolled back and a crash during a commit
// damages the file: it is for a new database that is thrown away if the load fails.
// Journaled switches back; readers need WAL.
func (db *DB) Unjournaled(ctx context.Context) error {
	return db.journal(ctx, "OFF")
}

// Journaled switches the SQLite database back to WAL after Unjournaled.
func (db *DB) Journaled(ctx context.Context) error {
	return db.journal(ctx, "WAL")
}

func (db *DB) journal(ctx context.Context, mode string) error {
	if db.d.numbered {
		return nil
	}
	var got string
	if err := db.w.QueryRowContext(ctx, `PRAGMA journal_mode = `+mode).Scan(&got); err != nil {
		return fmt.Errorf("journal mode %s: %w", mode, err)
	}
	if !strings.EqualFold(got, mode) {
		return fmt.Errorf("journal mode %s: the database stays in %s", mode, got)
	}
	return nil
}

// Package store is the kiosk's local SQLite store: persons, permits, e-SSCs, cards,
// registrations, verifications, staff, the audit trail, the outbox and sync state.
// One writer connection takes immediate transactions; a pool of readers runs
// concurrently (WAL mode), so lookups never wait behind a sync page. The one exception
// is a first sync into an empty store, which may have the file to itself (LoadAlone).
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"sync"
	"time"

	_ "github.com/mattn/go-sqlite3" // the SQLite driver, registered as "sqlite3"
)

// Sentinel errors.
var (
	ErrNotFound      = errors.New("not found")
	ErrSchemaTooNew  = errors.New("store was written by a newer onecard")
	ErrAuditAppend   = errors.New("audit append failed")
	ErrAlreadyExists = errors.New("already exists")
)

// Store is an open kiosk store.
type Store struct {
	path   string
	writer *sql.DB // exactly one connection: SQLite has one writer at a time anyway
	reader *sql.DB

	// stmts caches the hot lookups prepared on the reader pool: parsing and planning a
	// joined query costs more than running it. A *sql.Stmt is safe for concurrent use
	// and prepares itself once on each reader connection it runs on.
	stmtMu sync.Mutex
	stmts  map[string]*sql.Stmt
}

// prepared returns the reader statement for query, preparing it on first use.
func (s *Store) prepared(ctx context.Context, query string) (*sql.Stmt, error) {
	s.stmtMu.Lock()
	defer s.stmtMu.Unlock()
	if st, ok := s.stmts[query]; ok {
		return st, nil
	}
	st, err := s.reader.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if s.stmts == nil {
		s.stmts = map[string]*sql.Stmt{}
	}
	s.stmts[query] = st
	return st, nil
}

// busyTimeout is how long a connection waits for a lock before SQLITE_BUSY.
const busyTimeout = 5 * time.Second

func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_busy_timeout", fmt.Sprint(busyTimeout.Milliseconds()))
	q.Set("_synchronous", "NORMAL")
	q.Set("_foreign_keys", "on")
	// Page cache, in KiB (negative cache_size). The writer's keeps the hot index pages of
	// a million-person store while a sync page inserts into them; a reader's keeps the
	// interior pages of the tables and indexes a lookup descends, so that a lookup
	// reads only leaf pages from the OS. Together they stay inside the kiosk's 150 MB
	// RSS budget (DESIGN.md s.8): 32 MiB + 4 x 16 MiB at most.
	if readOnly {
		q.Set("_cache_size", "-16384")
		q.Set("_query_only", "true")
	} else {
		q.Set("_cache_size", "-32768")
		q.Set("_txlock", "immediate")
	}
	return "file:" + url.PathEscape(path) + "?" + q.Encode()
}

// Open opens (creating if needed) the store at path and migrates it to the newest
// schema this binary knows. A store from a newer schema is refused with
// ErrSchemaTooNew and left untouched.
//
// A first sync that LoadAlone let write unsynced, and that a restart of the system cut,
// leaves a store that may be torn and held only central's records: Open throws it away
// and the store starts empty. One cut in this boot is kept and synced.
func Open(ctx context.Context, path string) (*Store, error) {
	cutLoad, err := settleLoad(path)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	w, err := sql.Open("sqlite3", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	// Checkpoint every 128 MiB of WAL rather than every 4 MiB: each checkpoint syncs the
	// WAL and the database file, and the writer waits for both. A million persons' first
	// sync made 91 such syncs at 32 MiB, 1.4 s of waiting, and took 18.0 s against 19.2 s
	// (the mean of seven syncs each, taken in turn); at 256 MiB the last checkpoint, which
	// runs alone at the end, made it slower again. Durability is unchanged
	// (synchronous=NORMAL commits as before); the WAL file just grows larger between
	// checkpoints. The setting lives on the one writer connection.
	if _, err := w.ExecContext(ctx, "PRAGMA wal_autocheckpoint = 32768"); err != nil {
		w.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if err := migrate(ctx, w); err != nil {
		w.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if cutLoad {
		// migrate has read the file, so SQLite has rolled back what the cut left half
		// written and the file is whole.
		if err := unmark(path); err != nil {
			w.Close()
			return nil, fmt.Errorf("open store %s: finish a cut load: %w", path, err)
		}
	}
	r, err := sql.Open("sqlite3", dsn(path, true))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	r.SetMaxOpenConns(readerConns())
	r.SetMaxIdleConns(readerConns())
	return &Store{path: path, writer: w, reader: r}, nil
}

// readerConns is the size of the reader pool.
func readerConns() int { return max(4, runtime.NumCPU()) }

// Path is the file the store lives in.
func (s *Store) Path() string { return s.path }

// Close closes both pools.
func (s *Store) Close() error {
	s.stmtMu.Lock()
	var errs []error
	for _, st := range s.stmts {
		errs = append(errs, st.Close())
	}
	s.stmts = nil
	s.stmtMu.Unlock()
	return errors.Join(append(errs, s.reader.Close(), s.writer.Close())...)
}

// write runs fn in one immediate transaction on the writer connection.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// millis converts an instant to the stored form; the zero time is NULL.
func millis(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMilli()
}

// fromMillis reverses millis.
func fromMillis(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return time.UnixMilli(v.Int64).UTC()
}

// nullString stores "" as NULL, for optional unique columns.
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

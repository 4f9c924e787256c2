package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/mattn/go-sqlite3"
)

// A first sync into an empty store writes a million persons once, and every one of them
// is central's: nothing it writes exists only on this terminal. Written the usual way,
// each page goes to the WAL and is later copied from there into the database file, and
// every checkpoint waits for the disk; that was a sixth of a million persons' first
// sync. LoadAlone writes such a load the way a restore would: the writer holds the file
// alone, pages go straight into it behind a rollback journal (new pages, most of a
// load, need no journal), and nothing waits for the disk.
//
// What that costs in safety is bounded and checked. A killed process loses nothing:
// the rollback journal is written before any page it protects, and whatever the process
// wrote is in the operating system's cache. Only a crash of the system itself, or a
// power cut, can leave the file torn, and only while a load runs. So a load leaves a
// marker beside the store (its path plus loadingSuffix) holding the boot it runs in,
// written to disk before the first unsynced write and removed after the file has been
// synced. Open finds a marker of another boot: the store is thrown away and the next
// sync starts the first sync again, which costs nothing that central does not hold,
// because LoadAlone refuses a store with anything of the terminal's own. Open finds a
// marker of this boot: the process died, the writes are safe in the cache, and Open
// syncs the file and removes the marker.

// loadingSuffix names the marker of a load that has not reached the disk yet.
const loadingSuffix = "-loading"

// bootIDFile holds the current boot's ID; Linux draws a new random one at every boot.
const bootIDFile = "/proc/sys/kernel/random/boot_id"

func bootID() (string, error) {
	b, err := os.ReadFile(bootIDFile)
	id := strings.TrimSpace(string(b))
	if err == nil && id == "" {
		err = fmt.Errorf("%s is empty", bootIDFile)
	}
	return id, err
}

// LoadAlone gives the writer the store to itself for a first sync into an empty store
// and returns the func that gives it back: WAL mode, shared locks and synced commits
// again, the file synced to disk and the marker removed. Readers wait (busy timeout)
// until then, so only a caller that reads nothing meanwhile should ask; the sync
// reads nothing while it pulls.
//
// When the store cannot be had alone it returns a func that does nothing, and the load
// runs as any other write: a store holding persons or any record of the terminal's own
// (an audit entry, an outbox event ever, a seen code), a reader busy in another
// connection, or a system without boot IDs, where a torn file could not be told apart.
func (s *Store) LoadAlone(ctx context.Context) (end func(context.Context) error, err error) {
	none := func(context.Context) error { return nil }
	boot, err := bootID()
	if err != nil {
		return none, nil
	}
	var held int
	err = s.writer.QueryRowContext(ctx, `SELECT
	(SELECT count(*) FROM (SELECT 1 FROM persons LIMIT 1)) +
	(SELECT count(*) FROM (SELECT 1 FROM audit_log LIMIT 1)) +
	(SELECT count(*) FROM sqlite_sequence WHERE name = 'outbox') +
	(SELECT count(*) FROM (SELECT 1 FROM seen_nonces LIMIT 1))`).Scan(&held)
	if err != nil || held > 0 {
		return none, err
	}
	marker := s.path + loadingSuffix
	if err := writeSynced(marker, boot); err != nil {
		return none, fmt.Errorf("load alone: %w", err)
	}
	// An idle reader connection holds the shared lock that leaving WAL mode needs.
	s.reader.SetMaxIdleConns(0)
	giveBack := func(ctx context.Context) error {
		defer s.reader.SetMaxIdleConns(readerConns())
		// NORMAL before WAL: SQLite keeps an exclusive lock taken in WAL mode until WAL
		// mode is left again.
		if err := s.pragmas(ctx, "synchronous = NORMAL", "locking_mode = NORMAL"); err != nil {
			return fmt.Errorf("end load alone: %w", err)
		}
		if mode, err := s.journalMode(ctx, "wal"); err != nil || mode != "wal" {
			return fmt.Errorf("end load alone: journal mode %q: %w", mode, err)
		}
		if err := unmark(s.path); err != nil {
			return fmt.Errorf("end load alone: %w", err)
		}
		return nil
	}
	// Exclusive first, so that no reader can switch the file back to WAL between this
	// connection's transactions. No waiting: a reader that holds the file now is busy
	// and the load goes the usual way.
	if err := s.pragmas(ctx, "busy_timeout = 0", "locking_mode = EXCLUSIVE"); err != nil {
		return none, errors.Join(err, giveBack(ctx))
	}
	mode, err := s.journalMode(ctx, "truncate")
	if restore := s.pragmas(ctx, fmt.Sprintf("busy_timeout = %d", busyTimeout.Milliseconds())); restore != nil {
		return none, errors.Join(restore, giveBack(ctx))
	}
	var busy sqlite3.Error
	if errors.As(err, &busy) && busy.Code == sqlite3.ErrBusy || err == nil && mode != "truncate" {
		return none, giveBack(ctx)
	}
	if err == nil {
		err = s.pragmas(ctx, "synchronous = OFF")
	}
	if err != nil {
		return none, errors.Join(fmt.Errorf("load alone: %w", err), giveBack(ctx))
	}
	return giveBack, nil
}

func (s *Store) pragmas(ctx context.Context, settings ...string) error {
	for _, p := range settings {
		if _, err := s.writer.ExecContext(ctx, "PRAGMA "+p); err != nil {
			return err
		}
	}
	return nil
}

// journalMode asks for the writer's journal mode to be mode and returns the one it has
// then: SQLite keeps the old one when it cannot switch.
func (s *Store) journalMode(ctx context.Context, mode string) (string, error) {
	var got string
	err := s.writer.QueryRowContext(ctx, "PRAGMA journal_mode = "+mode).Scan(&got)
	return got, err
}

// settleLoad deals with the marker a load left beside the store at path before the
// store is opened: a load cut by a restart of the system takes the store with it; a
// load cut in this boot is reported (cut), for Open to finish once SQLite has rolled
// back its last transaction.
func settleLoad(path string) (cut bool, err error) {
	b, err := os.ReadFile(path + loadingSuffix)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if boot, err := bootID(); err == nil && boot == strings.TrimSpace(string(b)) {
		return true, nil
	}
	for _, f := range []string{path, path + "-journal", path + "-wal", path + "-shm"} {
		if err := os.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return false, fmt.Errorf("discard a load cut by a restart: %w", err)
		}
	}
	return false, removeSynced(path + loadingSuffix)
}

// unmark syncs the store at path that a load of this boot wrote unsynced, then removes
// the load's marker: the end of a load, or of one cut in this boot.
func unmark(path string) error {
	if err := syncFile(path); err != nil {
		return err
	}
	return removeSynced(path + loadingSuffix)
}

// writeSynced writes a small file and its directory entry to disk.
func writeSynced(path, content string) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	_, err = f.WriteString(content)
	if err == nil {
		err = f.Sync()
	}
	if err := errors.Join(err, f.Close()); err != nil {
		return err
	}
	return syncFile(filepath.Dir(path))
}

// removeSynced removes a file and syncs the removal.
func removeSynced(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return syncFile(filepath.Dir(path))
}

// syncFile flushes a file's (or a directory's) data from the system's cache to disk.
func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	return errors.Join(f.Sync(), f.Close())
}

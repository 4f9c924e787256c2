package store_test

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/mattn/go-sqlite3"

	"onecard/demodata"
	"onecard/domain"
	"onecard/store"
)

// outsider opens the store file the way another process would, without waiting for
// locks, so that a lock held by the store shows as SQLITE_BUSY at once.
func outsider(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=0")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db
}

// outsiderRead counts persons from outside; errBusy when the file is locked.
func outsiderRead(t *testing.T, path string) (int, error) {
	t.Helper()
	db := outsider(t, path)
	var n int
	err := db.QueryRow(`SELECT count(*) FROM persons`).Scan(&n)
	var se sqlite3.Error
	if errors.As(err, &se) && se.Code == sqlite3.ErrBusy {
		return 0, errBusy
	}
	if err != nil {
		t.Fatal(err)
	}
	return n, nil
}

var errBusy = errors.New("store locked")

func journalMode(t *testing.T, path string) string {
	t.Helper()
	var mode string
	if err := outsider(t, path).QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil {
		t.Fatal(err)
	}
	return mode
}

func markerPresent(t *testing.T, path string) bool {
	t.Helper()
	_, err := os.Stat(path + "-loading")
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	return err == nil
}

// loadPage writes holders lo..hi-1 in one transaction, as a first sync's page does.
func loadPage(t *testing.T, st *store.Store, lo, hi int) {
	t.Helper()
	ctx := context.Background()
	g := demodata.New(5, domain.MustDate("2026-01-10"))
	err := st.Update(ctx, func(w *store.Writer) error {
		if _, err := w.BeginBulkLoad(ctx); err != nil {
			return err
		}
		for i := lo; i < hi; i++ {
			if err := g.Holder(i).WriteTo(ctx, w); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// An empty store is written alone: nobody else can read the file meanwhile, its marker
// is on disk, and ending gives back WAL mode, shared reading and no marker.
func TestLoadAloneHoldsTheFileAndGivesItBack(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kiosk.db")
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	end, err := st.LoadAlone(ctx)
	if err != nil {
		t.Fatal(err)
	}
	loadPage(t, st, 0, 200)
	if _, err := outsiderRead(t, path); err != errBusy {
		t.Fatalf("another connection read the store during the load: %v", err)
	}
	boot, err := os.ReadFile("/proc/sys/kernel/random/boot_id")
	if err != nil {
		t.Fatal(err)
	}
	if marker, err := os.ReadFile(path + "-loading"); err != nil || string(marker) != string(boot[:len(boot)-1]) {
		t.Fatalf("marker %q, %v; want this boot %q", marker, err, boot)
	}
	if err := end(ctx); err != nil {
		t.Fatal(err)
	}
	if n, err := outsiderRead(t, path); err != nil || n != 200 {
		t.Fatalf("after the load another connection reads %d persons, %v; want 200", n, err)
	}
	if mode := journalMode(t, path); mode != "wal" {
		t.Fatalf("journal mode %s after the load, want wal", mode)
	}
	if markerPresent(t, path) {
		t.Fatal("marker left after the load ended")
	}
	// The store's own readers work again.
	if n, err := st.CountPersons(ctx); err != nil || n != 200 {
		t.Fatalf("CountPersons = %d, %v", n, err)
	}
}

// A store holding anything of the terminal's own is never written unsynced, and a
// store another connection is reading is not taken from it: the load runs as usual.
func TestLoadAloneOnlyWhenSafe(t *testing.T) {
	ctx := context.Background()
	for name, prepare := range map[string]func(t *testing.T, st *store.Store, path string){
		"audit entry": func(t *testing.T, st *store.Store, _ string) {
			if _, err := st.Audit(ctx, domain.AuditEntry{At: stamp, Terminal: "T1", StaffID: "C1001",
				Event: "login", Subject: "C1001", Outcome: "ok"}); err != nil {
				t.Fatal(err)
			}
		},
		"persons": func(t *testing.T, st *store.Store, _ string) { loadPage(t, st, 0, 10) },
		"reader busy": func(t *testing.T, _ *store.Store, path string) {
			tx, err := outsider(t, path).Begin()
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { tx.Rollback() })
			var n int
			if err := tx.QueryRow(`SELECT count(*) FROM persons`).Scan(&n); err != nil {
				t.Fatal(err)
			}
		},
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "kiosk.db")
			st, err := store.Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			prepare(t, st, path)
			end, err := st.LoadAlone(ctx)
			if err != nil {
				t.Fatal(err)
			}
			loadPage(t, st, 100, 150)
			if _, err := outsiderRead(t, path); err != nil {
				t.Fatalf("the store was taken alone: %v", err)
			}
			if markerPresent(t, path) {
				t.Fatal("marker of an unsynced load")
			}
			if mode := journalMode(t, path); mode != "wal" {
				t.Fatalf("journal mode %s, want wal", mode)
			}
			if err := end(ctx); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// cutLoad leaves a store as a load written alone leaves it when its process dies after
// some pages: the marker stays and the file was never synced.
func cutLoad(t *testing.T) (path string) {
	t.Helper()
	ctx := context.Background()
	path = filepath.Join(t.TempDir(), "kiosk.db")
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.LoadAlone(ctx); err != nil {
		t.Fatal(err)
	}
	loadPage(t, st, 0, 120)
	st.Close() // without the end: the process is gone
	if !markerPresent(t, path) {
		t.Fatal("no marker after a cut load")
	}
	return path
}

// A load cut in this boot lost nothing: Open keeps what it committed, syncs the file
// and removes the marker.
func TestOpenKeepsALoadCutInThisBoot(t *testing.T) {
	path := cutLoad(t)
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if n, err := st.CountPersons(context.Background()); err != nil || n != 120 {
		t.Fatalf("CountPersons = %d, %v; want the 120 committed", n, err)
	}
	if markerPresent(t, path) {
		t.Fatal("marker kept")
	}
	if mode := journalMode(t, path); mode != "wal" {
		t.Fatalf("journal mode %s, want wal", mode)
	}
}

// A load cut by a restart of the system may have left the file torn: Open throws the
// store away and starts an empty one, which the next sync fills again.
func TestOpenDiscardsALoadCutByARestart(t *testing.T) {
	path := cutLoad(t)
	if err := os.WriteFile(path+"-loading", []byte("00000000-0000-0000-0000-000000000000"), 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if n, err := st.CountPersons(context.Background()); err != nil || n != 0 {
		t.Fatalf("CountPersons = %d, %v; want an empty store", n, err)
	}
	if markerPresent(t, path) {
		t.Fatal("marker kept")
	}
	// The empty store may be loaded alone again.
	end, err := st.LoadAlone(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !markerPresent(t, path) {
		t.Fatal("the discarded store's successor is not loaded alone")
	}
	if err := end(context.Background()); err != nil {
		t.Fatal(err)
	}
}

package central

import (
	"context"
	"path/filepath"
	"testing"
)

// Central's SQLite reads go through a memory map (mappedReads); its writes do not need
// one.
func TestSQLiteReadsAreMapped(t *testing.T) {
	ctx := context.Background()
	db, err := OpenSQLite(ctx, filepath.Join(t.TempDir(), "central.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var mapped int64
	if err := db.r.QueryRowContext(ctx, `PRAGMA mmap_size`).Scan(&mapped); err != nil {
		t.Fatal(err)
	}
	if mapped < 1<<30 {
		t.Fatalf("read connections map %d bytes, want at least 1 GiB", mapped)
	}
}

// Package centraltest opens central stores for tests: SQLite in a temporary directory
// and, when ONECARD_TEST_POSTGRES names a server (scripts/pg-test.sh starts one), a
// fresh PostgreSQL database per test, so the same suite runs on both.
package centraltest

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"onecard/central"
	"onecard/sync"
)

// EnvPostgres names the variable holding the PostgreSQL DSN (URL form) of the server
// tests may create databases on.
const EnvPostgres = "ONECARD_TEST_POSTGRES"

// Backend opens an empty central store.
type Backend struct {
	Name string
	Open func(t testing.TB) *central.DB
}

// Backends lists SQLite and PostgreSQL; the PostgreSQL one skips its test, saying why,
// when no server is configured.
func Backends() []Backend {
	return []Backend{{"sqlite", SQLite}, {"postgres", Postgres}}
}

// SQLite opens a central store in t.TempDir().
func SQLite(t testing.TB) *central.DB {
	t.Helper()
	db, err := central.OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "central.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// Postgres creates a fresh database on the configured server, opens a central store in
// it and drops it when the test ends.
func Postgres(t testing.TB) *central.DB {
	t.Helper()
	dsn := os.Getenv(EnvPostgres)
	if dsn == "" {
		t.Skipf("%s is not set: run `eval \"$(scripts/pg-test.sh)\"` to test against PostgreSQL", EnvPostgres)
	}
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("%s: %v", EnvPostgres, err)
	}
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "onecard_test_" + hex.EncodeToString(b[:])
	ctx := context.Background()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	u.Path = "/" + name
	db, err := central.OpenPostgres(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		db.Close()
		a, err := sql.Open("pgx", dsn)
		if err != nil {
			return
		}
		defer a.Close()
		_, _ = a.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	return db
}

// Changes reads central's change log as a terminal of the scopes (region, national,
// branch) pulls it: the lines of up to limit changes after cursor, decoded.
func Changes(t testing.TB, db *central.DB, scopes []string, cursor int64, limit int) []sync.Change {
	t.Helper()
	var page bytes.Buffer
	if _, _, err := db.Changes(context.Background(), scopes, cursor, limit, &page); err != nil {
		t.Fatal(err)
	}
	var changes []sync.Change
	for line := range bytes.Lines(page.Bytes()) {
		var c sync.Change
		if err := json.Unmarshal(line, &c); err != nil {
			t.Fatalf("change line %q: %v", line, err)
		}
		changes = append(changes, c)
	}
	return changes
}

package jsonb

import (
	"database/sql"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"onecard/domain"
)

// render has SQLite check a blob as strict JSONB (json_valid flag 8) and render it as
// JSON text.
func render(t testing.TB, db *sql.DB, blob []byte) string {
	t.Helper()
	var valid bool
	var text string
	if err := db.QueryRow(`SELECT json_valid(?1, 8), json(?1)`, blob).Scan(&valid, &text); err != nil {
		t.Fatalf("render %x: %v", blob, err)
	}
	if !valid {
		t.Fatalf("SQLite says %x is not well-formed JSONB", blob)
	}
	return text
}

func memoryDB(t testing.TB) *sql.DB {
	db, err := sql.Open("sqlite3", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestRowsAsSQLiteReadsThem(t *testing.T) {
	db := memoryDB(t)
	var j Rows
	if j.Blob() != nil {
		t.Fatal("no rows should be no blob")
	}
	long := strings.Repeat("é", 200) // 400 bytes: the 4-byte size form
	j.BeginRow()
	j.Int(-42)
	j.Text("")
	j.Text(`say "hi"\n`)
	j.Text(strings.Repeat("x", 11)) // the largest size in the header itself
	j.Text(strings.Repeat("y", 12)) // the first with a 1-byte size
	j.Text(long)
	j.TextOrNull("")
	j.Bool(true)
	j.Date(domain.MustDate("2026-02-28"))
	j.Date(0)
	j.Millis(time.UnixMilli(1_700_000_000_123))
	j.Millis(time.Time{})
	j.EndRow()
	j.BeginRow()
	j.Int(9_223_372_036_854_775_807)
	j.EndRow()

	var got [][]any
	if err := json.Unmarshal([]byte(render(t, db, j.Blob())), &got); err != nil {
		t.Fatal(err)
	}
	want := [][]any{
		{-42.0, "", `say "hi"\n`, strings.Repeat("x", 11), strings.Repeat("y", 12), long, nil, 1.0,
			"2026-02-28", nil, 1_700_000_000_123.0, nil},
		{9_223_372_036_854_775_807.0},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("SQLite reads\n%v\nwant\n%v", got, want)
	}
	// ->> gives SQL values: integers stay integers, NULL stays NULL.
	var n int64
	var null sql.NullString
	if err := db.QueryRow(`SELECT value->>0, value->>6 FROM jsonb_each(?) LIMIT 1`, j.Blob()).Scan(&n, &null); err != nil {
		t.Fatal(err)
	}
	if n != -42 || null.Valid {
		t.Fatalf("->> gave %d, %v", n, null)
	}
}

// FuzzJSONBText: any string central sends comes back out of SQLite unchanged.
func FuzzText(f *testing.F) {
	for _, s := range []string{"", "MÜLLER", "O'NEIL", "\x00\"\\", strings.Repeat("長", 100), "\xff"} {
		f.Add(s, int64(7))
	}
	db := memoryDB(f)
	f.Fuzz(func(t *testing.T, s string, n int64) {
		var j Rows
		j.BeginRow()
		j.Text(s)
		j.Int(n)
		j.EndRow()
		var gs string
		var gn int64
		if err := db.QueryRow(`SELECT value->>0, value->>1 FROM jsonb_each(?)`, j.Blob()).Scan(&gs, &gn); err != nil {
			t.Fatal(err)
		}
		if gs != s || gn != n {
			t.Fatalf("got %q %d, want %q %d", gs, gn, s, n)
		}
	})
}

func TestResetStartsAnEmptyArray(t *testing.T) {
	db := memoryDB(t)
	var j Rows
	j.BeginRow()
	j.Text("old")
	j.EndRow()
	j.Reset()
	if j.Len() != 0 || j.Blob() != nil {
		t.Fatal("Reset left rows")
	}
	j.BeginRow()
	j.TextBytes([]byte(`{"a":1}`))
	j.EndRow()
	if got := render(t, db, j.Blob()); got != `[["{\"a\":1}"]]` {
		t.Fatalf("after Reset: %s", got)
	}
}

package rowpack

import (
	"database/sql"
	"encoding/binary"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"onecard/domain"
)

func memoryDB(t testing.TB) *sql.DB {
	db, err := sql.Open("sqlite3", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// read returns every row of rowpack(blob) as Go values, c0 to c15, with each value's
// SQLite type beside it.
func read(t testing.TB, db *sql.DB, blob []byte) ([][]any, error) {
	t.Helper()
	cols := make([]string, MaxColumns)
	for i := range cols {
		cols[i] = "c" + strconv.Itoa(i)
	}
	rows, err := db.Query(`SELECT rowid, `+strings.Join(cols, ", ")+` FROM rowpack(?)`, blob)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]any
	for want := int64(0); rows.Next(); want++ {
		vals := make([]any, MaxColumns+1)
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		if vals[0] != want {
			t.Fatalf("rowid %v, want %d", vals[0], want)
		}
		out = append(out, vals[1:])
	}
	return out, rows.Err()
}

// row is a row of MaxColumns values, vs first and NULLs after.
func row(vs ...any) []any {
	return append(vs, make([]any, MaxColumns-len(vs))...)
}

func TestRowsAsSQLiteReadsThem(t *testing.T) {
	db := memoryDB(t)
	var r Rows
	if r.Blob() != nil {
		t.Fatal("no rows should be no blob")
	}
	long := strings.Repeat("é", 40_000)
	r.BeginRow()
	r.Int(-42)
	r.Text("")
	r.Text(`say "hi"\n`)
	r.Text(long)
	r.TextOrNull("")
	r.TextOrNull("set")
	r.Bool(true)
	r.Bool(false)
	r.Date(domain.MustDate("2026-02-28"))
	r.Date(0)
	r.Millis(time.UnixMilli(1_700_000_000_123))
	r.Millis(time.Time{})
	r.TextBytes([]byte("a\x00b\xff"))
	r.Null()
	r.Int(-9_223_372_036_854_775_808)
	r.Int(9_223_372_036_854_775_807)
	r.EndRow()
	r.BeginRow()
	r.Text("second")
	r.EndRow()
	if r.Len() != 2 {
		t.Fatalf("Len %d", r.Len())
	}
	got, err := read(t, db, r.Blob())
	if err != nil {
		t.Fatal(err)
	}
	// go-sqlite3 scans SQLite text as a string, SQLite integers as int64.
	want := [][]any{
		{int64(-42), "", `say "hi"\n`, long, nil, "set", int64(1), int64(0), "2026-02-28", nil,
			int64(1_700_000_000_123), nil, "a\x00b\xff", nil, int64(-9_223_372_036_854_775_808),
			int64(9_223_372_036_854_775_807)},
		row("second"),
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("SQLite reads\n%q\nwant\n%q", got, want)
	}
}

// The statements the stores run: an upsert from rowpack(), where a later row for the
// same key wins.
func TestUpsertFromRows(t *testing.T) {
	db := memoryDB(t)
	if _, err := db.Exec(`CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	var r Rows
	for _, kv := range []struct {
		k int64
		v string
	}{{1, "one"}, {2, "two"}, {1, "uno"}} {
		r.BeginRow()
		r.Int(kv.k)
		r.Text(kv.v)
		r.EndRow()
	}
	if _, err := db.Exec(`INSERT INTO t (k, v) SELECT c0, c1 FROM rowpack(?) WHERE true
ON CONFLICT(k) DO UPDATE SET v = excluded.v`, r.Blob()); err != nil {
		t.Fatal(err)
	}
	var got string
	if err := db.QueryRow(`SELECT group_concat(k || '=' || v, ' ') FROM (SELECT * FROM t ORDER BY k)`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if got != "1=uno 2=two" {
		t.Fatalf("table holds %s", got)
	}
}

func TestResetStartsEmpty(t *testing.T) {
	db := memoryDB(t)
	var r Rows
	r.BeginRow()
	r.Text("old")
	r.EndRow()
	r.Reset()
	if r.Len() != 0 || r.Blob() != nil {
		t.Fatal("Reset left rows")
	}
	r.BeginRow()
	r.Text("new")
	r.EndRow()
	got, err := read(t, db, r.Blob())
	if err != nil || !reflect.DeepEqual(got, [][]any{row("new")}) {
		t.Fatalf("after Reset: %q, %v", got, err)
	}
}

func TestRowOutsideOneToMaxColumnsPanics(t *testing.T) {
	for _, n := range []int{0, MaxColumns + 1} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("a row of %d columns was taken", n)
				}
			}()
			var r Rows
			r.BeginRow()
			for range n {
				r.Null()
			}
			r.EndRow()
		}()
	}
}

// le32 is a text value's length field.
func le32(n uint32) []byte { return binary.LittleEndian.AppendUint32(nil, n) }

func TestMalformedBlobsFailTheStatement(t *testing.T) {
	db := memoryDB(t)
	var good Rows
	good.BeginRow()
	good.Int(1)
	good.Text("ok")
	good.EndRow()
	cat := func(parts ...[]byte) []byte {
		var b []byte
		for _, p := range parts {
			b = append(b, p...)
		}
		return b
	}
	for _, c := range []struct {
		name string
		blob []byte
		want string
	}{
		{"no columns", []byte{0}, "row 1 (counting from 1) malformed at byte 0: column count"},
		{"too many columns", []byte{17}, "byte 0: column count"},
		{"count without values", []byte{1}, "byte 1: cut short"},
		{"unknown tag", []byte{1, 3}, "byte 1: value tag"},
		{"integer cut short", []byte{1, tagInt, 1, 2, 3}, "byte 2: cut short"},
		{"text length cut short", []byte{1, tagText, 5, 0}, "byte 2: cut short"},
		{"text past the end", cat([]byte{1, tagText}, le32(3), []byte("ab")), "byte 2: text length"},
		{"huge text length", cat([]byte{1, tagText}, le32(0xffffffff)), "byte 2: text length"},
		{"second row bad", cat(good.Blob(), []byte{2, tagNull}), "row 2 (counting from 1) malformed at byte 19: cut short"},
	} {
		_, err := read(t, db, c.blob)
		if err == nil || !strings.Contains(err.Error(), "rowpack: ") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got error %v, want one with %q", c.name, err, c.want)
		}
	}
	if _, err := db.Exec(`SELECT * FROM rowpack('text')`); err == nil || !strings.Contains(err.Error(), "not a blob") {
		t.Errorf("text argument: %v", err)
	}
	if _, err := db.Exec(`SELECT * FROM rowpack`); err == nil {
		t.Error("rowpack without its argument gave rows")
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM rowpack(NULL)`).Scan(&n); err != nil || n != 0 {
		t.Errorf("rowpack(NULL): %d rows, %v", n, err)
	}
}

// FuzzRowpackBlob: rowpack() reads any blob without reading past it; it gives rows or
// its own error, never something else.
func FuzzRowpackBlob(f *testing.F) {
	var r Rows
	r.BeginRow()
	r.Int(7)
	r.Text("seven")
	r.Null()
	r.EndRow()
	f.Add(r.Blob())
	f.Add([]byte{1, tagText, 0xff, 0xff, 0xff, 0x7f})
	f.Add([]byte{})
	db := memoryDB(f)
	f.Fuzz(func(t *testing.T, blob []byte) {
		if _, err := read(t, db, blob); err != nil && !strings.Contains(err.Error(), "rowpack: ") {
			t.Fatalf("%x: %v", blob, err)
		}
	})
}

// FuzzText: any string and integer come back out of SQLite unchanged.
func FuzzText(f *testing.F) {
	for _, s := range []string{"", "MÜLLER", "O'NEIL", "\x00\"\\", strings.Repeat("長", 100), "\xff"} {
		f.Add(s, int64(7))
	}
	db := memoryDB(f)
	f.Fuzz(func(t *testing.T, s string, n int64) {
		var r Rows
		r.BeginRow()
		r.Text(s)
		r.Int(n)
		r.EndRow()
		var gs string
		var gn int64
		if err := db.QueryRow(`SELECT c0, c1 FROM rowpack(?)`, r.Blob()).Scan(&gs, &gn); err != nil {
			t.Fatal(err)
		}
		if gs != s || gn != n {
			t.Fatalf("got %q %d, want %q %d", gs, gn, s, n)
		}
	})
}

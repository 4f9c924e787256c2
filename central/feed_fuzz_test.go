package central_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"onecard/central"
	"onecard/domain"
)

var feedLineErr = regexp.MustCompile(`^feed line (\d+): `)

// FuzzImportFeed imports fuzzed permit lifecycle feeds into one real SQLite central per
// fuzz process, seeded with two holders. It checks the import's promise: it stops at
// the first bad line and names it, the lines before it stay applied and nothing of the
// bad line is; so a failed import writes something exactly when its stats count an
// applied line, and an import counting none writes nothing. After a successful import
// every permit a line named is valid by domain.WorkPermit.Validate.
func FuzzImportFeed(f *testing.F) {
	for _, s := range []string{
		`{"type":"extension","permit":{"number":"310000W00000000001","valid_until":"2028-01-15"}}` + "\n" +
			`{"type":"revocation","permit":{"number":"310000W00000000002"},"credential_id":"CRED123"}`,
		`{"type":"change","permit":{"number":"310000W00000000001","employer_name":"Pearl River Ltd.","employer_uscc":"914400000000000456","region":"440000"}}`,
		`{"type":"application","permit":{"number":"310000W00000000009","person_id":9,"category":"A","track":"over_90_days","employer_name":"Jade Trading Co., Ltd.","employer_uscc":"913100000000000123","position":"Engineer","region":"310000","valid_from":"2026-11-01","valid_until":"2028-10-31"},"person":{"id":9,"surname":"Rossi","given_names":"Anna","nationality":"ITA","sex":"F","birth_date":"1990-02-03","passport_number":"YA1234567","passport_expiry":"2031-01-01"}}`,
		`{"type":"cancellation","permit":{"number":"310000W00000000002"}}` + "\n" + `{"type":"extension","permit":{"number":"310000W00000000404","valid_until":"2029-01-01"}}`,
		`{"type":"cancellation","permit":{"number":"310000W00000000002"}}` + "\n" + `{"type":"cancel`,
	} {
		f.Add(s)
	}
	ctx := context.Background()
	now := time.Date(2026, 11, 27, 2, 0, 0, 0, time.UTC)
	path := filepath.Join(f.TempDir(), "central.db")
	db, err := central.OpenSQLite(ctx, path)
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	keys, err := central.Setup(ctx, db, []string{"127.0.0.1"}, now)
	if err != nil {
		f.Fatal(err)
	}
	err = db.Update(ctx, func(tx *central.Tx) error {
		for i, p := range []domain.WorkPermit{permit(1, "310000W00000000001", domain.FormPhysicalLegacy, "2027-01-15"),
			permit(2, "310000W00000000002", domain.FormElectronic, "2027-02-10")} {
			if err := tx.PutPerson(ctx, person(int64(i+1))); err != nil {
				return err
			}
			if err := tx.PutPermit(ctx, p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		f.Fatal(err)
	}
	// PRAGMA data_version on a connection of its own changes when the import commits.
	watch, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { watch.Close() })
	conn, err := watch.Conn(ctx)
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { conn.Close() })
	dataVersion := func(t *testing.T) int64 {
		var v int64
		if err := conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}

	f.Fuzz(func(t *testing.T, feed string) {
		before := dataVersion(t)
		st, err := db.ImportFeed(ctx, keys, strings.NewReader(feed), now)
		applied := 0
		for _, n := range st.ByType {
			applied += n
		}
		lines := strings.Split(strings.TrimSuffix(feed, "\n"), "\n")
		if err != nil {
			m := feedLineErr.FindStringSubmatch(err.Error())
			if m == nil {
				if !strings.Contains(err.Error(), "too long") {
					t.Fatalf("error %q names no feed line", err)
				}
				return
			}
			n, _ := strconv.Atoi(m[1])
			if n < 1 || n > len(lines) || applied >= n {
				t.Fatalf("error at line %d of %d with %d applied: %v", n, len(lines), applied, err)
			}
			if wrote := dataVersion(t) != before; wrote != (applied > 0) {
				t.Fatalf("failed at line %d (%v) with %d lines counted as applied, but wrote %v", n, err, applied, wrote)
			}
			return
		}
		if st.Lines != len(lines) && !(feed == "" && st.Lines == 0) {
			t.Fatalf("%d lines counted of %d", st.Lines, len(lines))
		}
		err = db.Update(ctx, func(tx *central.Tx) error {
			for _, l := range lines {
				var rec central.FeedRecord
				if json.Unmarshal([]byte(l), &rec) != nil {
					continue
				}
				p, err := tx.Permit(ctx, rec.Permit.Number)
				if errors.Is(err, central.ErrNotFound) {
					t.Fatalf("line %q imported, but permit %q is not there", l, rec.Permit.Number)
				}
				if err != nil {
					return err
				}
				if err := p.Validate(); err != nil {
					t.Fatalf("line %q left permit %+v: %v", l, p, err)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

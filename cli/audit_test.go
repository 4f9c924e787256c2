package cli

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"onecard/config"
	"onecard/domain"
	"onecard/store"
)

// auditedDir is a data directory whose audit trail has n entries.
func auditedDir(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := seedDir(context.Background(), seedOptions{dir: dir, persons: 5, seed: 1, today: domain.MustDate("2025-06-01")}, func(int) {}); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), config.KioskDB(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	at := time.Date(2025, 6, 1, 2, 0, 0, 0, time.UTC)
	for i := 1; i <= n; i++ {
		e := domain.AuditEntry{At: at.Add(time.Duration(i) * time.Minute), Terminal: "DEMO-0001", StaffID: "C1001",
			Event: "lookup", Subject: fmt.Sprintf("query %d", i), Outcome: domain.OutcomeOK, Detail: "kind=name shown=1"}
		if _, err := st.Audit(context.Background(), e); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// tamper edits the SQLite file the way an attacker with file access would: the
// append-only triggers go first.
func tamper(t *testing.T, dir string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite3", config.KioskDB(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range append([]string{`DROP TRIGGER audit_log_no_update`, `DROP TRIGGER audit_log_no_delete`}, stmts...) {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func runAuditVerify(t *testing.T, dir string, extra ...string) (int, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), append([]string{"audit", "verify", "--data", dir}, extra...),
		Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb})
	return code, out.String() + errb.String()
}

func TestAuditVerifyDetectsTampering(t *testing.T) {
	tests := []struct {
		name    string
		stmts   []string
		broken  int64
		problem string
	}{
		{"intact", nil, 0, ""},
		{"edited", []string{`UPDATE audit_log SET detail = 'kind=name shown=2' WHERE seq = 4`}, 4, "content was changed"},
		{"deleted", []string{`DELETE FROM audit_log WHERE seq = 5`}, 6, "deleted or reordered"},
		{"reordered", []string{
			`UPDATE audit_log SET seq = 100 WHERE seq = 3`,
			`UPDATE audit_log SET seq = 3 WHERE seq = 4`,
			`UPDATE audit_log SET seq = 4 WHERE seq = 100`,
		}, 3, ""},
		{"swapped contents", []string{
			`UPDATE audit_log SET subject = 'query 4' WHERE seq = 3`,
			`UPDATE audit_log SET subject = 'query 3' WHERE seq = 4`,
		}, 3, "content was changed"},
		{"cut off", []string{`DELETE FROM audit_log WHERE seq > 8`}, 9, "cut off"},
		{"rehashed edit", []string{`UPDATE audit_log SET detail = 'x', hash = prev_hash WHERE seq = 2`}, 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := auditedDir(t, 10)
			tamper(t, dir, tt.stmts...)
			code, out := runAuditVerify(t, dir, "--json")
			var rep store.AuditReport
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, out)
			}
			wantCode := 1
			if tt.broken == 0 {
				wantCode = 0
			}
			if code != wantCode || rep.FirstBroken != tt.broken || !strings.Contains(rep.Problem, tt.problem) {
				t.Errorf("exit %d, report %+v; want exit %d, first broken %d (%q)", code, rep, wantCode, tt.broken, tt.problem)
			}
			code, text := runAuditVerify(t, dir)
			if tt.broken != 0 && !strings.Contains(text, fmt.Sprintf("broken at entry %d", tt.broken)) || code != wantCode {
				t.Errorf("text report (exit %d): %s", code, text)
			}
		})
	}
}

func TestAuditVerifyUsage(t *testing.T) {
	for _, args := range [][]string{{"audit"}, {"audit", "check"}, {"audit", "verify"}} {
		var out bytes.Buffer
		if code := Run(context.Background(), args, Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &out}); code != 64 {
			t.Errorf("%v: exit %d, want 64", args, code)
		}
	}
	code, out := runAuditVerify(t, t.TempDir())
	if code != 1 || !strings.Contains(out, "onecard seed") {
		t.Errorf("empty dir: exit %d %s", code, out)
	}
}

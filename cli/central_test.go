package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"onecard/central"
	"onecard/config"
	"onecard/demodata"
	"onecard/domain"
	"onecard/store"
)

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(context.Background(), args, Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb})
	return code, out.String(), errb.String()
}

// TestCentralEnrollSyncRevoke drives the operator's path through the commands:
// a code from central, enrollment, a headless sync, a feed import, a revocation.
func TestCentralEnrollSyncRevoke(t *testing.T) {
	ctx := context.Background()
	cdir, kdir := t.TempDir(), t.TempDir()
	db, err := central.OpenSQLite(ctx, config.CentralDB(cdir))
	if err != nil {
		t.Fatal(err)
	}
	g := demodata.New(3, domain.MustDate("2026-11-27"))
	err = db.Update(ctx, func(tx *central.Tx) error {
		for i := range 10 {
			h := g.Holder(i)
			h.Person.Region = "310000"
			if err := h.WriteTo(ctx, tx); err != nil {
				return err
			}
		}
		return nil
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	code, out, errs := run(t, "central", "enroll", "--data", cdir, "--branch", "b1", "--region", "310000")
	if code != 0 {
		t.Fatalf("central enroll: %d %s", code, errs)
	}
	enrollCode := strings.TrimSpace(out)
	url, stop, err := central.StartDemo(ctx, cdir)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	if code, _, errs := run(t, "enroll", "--data", kdir, "--central", url, "--code", enrollCode); code != 0 {
		t.Fatalf("enroll: %d %s", code, errs)
	}
	for _, f := range []string{config.ClientKey(kdir), config.ClientCert(kdir), config.CentralCA(kdir), config.File(kdir)} {
		st, err := os.Stat(f)
		if err != nil || st.Mode().Perm() != 0o600 {
			t.Fatalf("%s: %v %v", f, st.Mode(), err)
		}
	}
	if code, _, errs := run(t, "enroll", "--data", t.TempDir(), "--central", url, "--code", enrollCode); code == 0 {
		t.Fatalf("a used code enrolled a second terminal: %s", errs)
	}
	if code, out, errs := run(t, "sync", "--data", kdir, "--once"); code != 0 || !strings.Contains(out, "pulled") {
		t.Fatalf("sync --once: %d %q %s", code, out, errs)
	}
	st, err := store.Open(ctx, config.KioskDB(kdir))
	if err != nil {
		t.Fatal(err)
	}
	n, err := st.CountPersons(ctx)
	st.Close()
	if err != nil || n != 10 {
		t.Fatalf("kiosk persons after sync: %d, %v", n, err)
	}

	feed := filepath.Join(t.TempDir(), "feed.jsonl")
	line := `{"type":"cancellation","permit":{"number":"` + g.Holder(0).Permit.Number + `"}}` + "\n"
	if err := os.WriteFile(feed, []byte(line), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := run(t, "central", "import", "--data", cdir, feed); code != 0 || !strings.Contains(out, `"cancellation":1`) {
		t.Fatalf("central import: %d %q %s", code, out, errs)
	}

	cfg, err := config.Load(kdir)
	if err != nil {
		t.Fatal(err)
	}
	if code, _, errs := run(t, "central", "revoke", "--data", cdir, "--terminal", cfg.TerminalID); code != 0 {
		t.Fatalf("central revoke: %d %s", code, errs)
	}
	if code, _, errs := run(t, "sync", "--data", kdir, "--once"); code == 0 || !strings.Contains(errs, "revoked") {
		t.Fatalf("sync of a revoked terminal: exit %d, %s", code, errs)
	}
	if code, _, _ := run(t, "central", "bogus"); code != 64 {
		t.Fatalf("unknown subcommand: exit %d, want 64", code)
	}
}

package cli

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"onecard/config"
	"onecard/demodata"
)

// TestAirGappedBundleImport carries central's trust bundle to a terminal by file: a
// terminal without a bundle cannot verify, imports the file and then can; a bundle from
// another central's root is refused.
func TestAirGappedBundleImport(t *testing.T) {
	f := newVerifyFixture(t)
	other := newVerifyFixture(t)
	file := filepath.Join(t.TempDir(), "bundle.cose")
	foreign := filepath.Join(t.TempDir(), "foreign.cose")
	for dir, out := range map[string]string{f.dir: file, other.dir: foreign} {
		if code, stdout, stderr := runCmd(t, "", "central", "bundle", "--data", dir, out); code != 0 || !strings.Contains(stdout, "trust bundle version") {
			t.Fatalf("central bundle: exit %d %q %q", code, stdout, stderr)
		}
	}
	db, err := sql.Open("sqlite3", config.KioskDB(f.dir))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`DELETE FROM trust_bundle`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	notice, err := f.issuer.IssueNotice(f.permitClaims(t, f.demo.Permits[demodata.StateValid][0]), f.now.Add(-time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if code, _, _ := f.verify(t, "", notice); code != 2 {
		t.Fatalf("without a bundle: exit %d, want 2", code)
	}
	code, stdout, stderr := runCmd(t, "", "trust", "import", "--data", f.dir, foreign)
	if code != 1 || !strings.Contains(stderr, "pinned root") {
		t.Fatalf("foreign bundle: exit %d %q %q", code, stdout, stderr)
	}
	for range 2 { // importing the same bundle again changes nothing
		if code, stdout, stderr := runCmd(t, "", "trust", "import", "--data", f.dir, file); code != 0 || !strings.Contains(stdout, "installed trust bundle") {
			t.Fatalf("trust import: exit %d %q %q", code, stdout, stderr)
		}
	}
	if code, res, _ := f.verify(t, "", notice); code != 0 {
		t.Fatalf("after import: exit %d %s/%s", code, res.Verdict, res.Reason)
	}
	if code, _, _ := runCmd(t, "", "trust", "import", "--data", f.dir); code != 64 {
		t.Fatalf("no file: exit %d, want 64", code)
	}
}

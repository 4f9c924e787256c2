package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"onecard/central"
	"onecard/central/centraltest"
	"onecard/config"
	"onecard/sync"
)

// publishedSettings reads the setting documents central would send to a branch.
func publishedSettings(t *testing.T, dir string) map[string]string {
	t.Helper()
	ctx := context.Background()
	db, err := central.OpenSQLite(ctx, config.CentralDB(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := map[string]string{}
	for _, c := range centraltest.Changes(t, db, []string{"310000", sync.National, sync.BranchScope("b1")}, 0, 1000) {
		if c.Kind == sync.KindSetting {
			out[c.Key] = string(c.Doc)
		}
	}
	return out
}

func TestCentralSetting(t *testing.T) {
	agreements, err := os.ReadFile(filepath.Join("..", "insurance", "agreements.json"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, setting, doc string
		code               int
		stderr             string
	}{
		{"residence policy", "residence_policy", `{"version":"2026-01-01","apply_within_days":45}`, 0, ""},
		{"residence policy with a misspelt field", "residence_policy", `{"apply_within_day":45}`, 1, "invalid residence policy"},
		{"residence policy with an unusable number", "residence_policy", `{"max_validity_years":0}`, 1, "max_validity_years"},
		{"agreement list", "insurance_agreements", string(agreements), 0, ""},
		{"agreement list without a date", "insurance_agreements", `{"agreements":[]}`, 1, "as_of missing"},
		{"another setting", "kiosk_notice", `{"zh":"通知","en":"notice"}`, 0, ""},
		{"another setting that is not JSON", "kiosk_notice", `{"zh":`, 1, "not a JSON document"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(t.TempDir(), "doc.json")
			if err := os.WriteFile(file, []byte(tt.doc), 0o600); err != nil {
				t.Fatal(err)
			}
			code, out, errs := run(t, "central", "setting", "--data", dir, tt.setting, file)
			if code != tt.code || !strings.Contains(errs, tt.stderr) {
				t.Fatalf("exit %d, stderr %q; want %d and %q", code, errs, tt.code, tt.stderr)
			}
			got, published := publishedSettings(t, dir)[tt.setting]
			if tt.code != 0 {
				if published {
					t.Errorf("a refused document was published: %s", got)
				}
				return
			}
			if !published || strings.Join(strings.Fields(got), "") != strings.Join(strings.Fields(tt.doc), "") {
				t.Errorf("published %q, want %q", got, tt.doc)
			}
			if !strings.Contains(out, "setting "+tt.setting+" published") {
				t.Errorf("stdout %q", out)
			}
		})
	}
}

func TestCentralSettingUsage(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"central", "setting", "--data", dir, "residence_policy"},
		{"central", "setting", "residence_policy", "-"},
	} {
		if code, _, errs := run(t, args...); code != 64 {
			t.Errorf("%v: exit %d (%s), want 64", args, code, errs)
		}
	}
}

package enroll_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"onecard/central"
	"onecard/central/centraltest"
	"onecard/config"
	"onecard/domain"
	"onecard/screens/enroll"
	"onecard/store"
	"onecard/sync"
)

func init() { lipgloss.SetColorProfile(termenv.Ascii) }

// centralWithStaff is a real central on loopback with one branch's staff account.
func centralWithStaff(t *testing.T) (*central.DB, *central.Keys, string) {
	t.Helper()
	ctx := context.Background()
	db := centraltest.SQLite(t)
	keys, err := central.Setup(ctx, db, []string{"127.0.0.1"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(ctx, func(tx *central.Tx) error {
		return tx.PutStaff(ctx, domain.Staff{ID: "C1001", Name: "Wang Fang", Role: domain.RoleCounter, Branch: "b1",
			PINHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", Active: true, UpdatedAt: time.Now()})
	}); err != nil {
		t.Fatal(err)
	}
	srv, err := central.Start(ctx, db, keys, "127.0.0.1:0", nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Stop)
	return db, keys, srv.URL
}

func run(t *testing.T, dir, lang string) (*teatest.TestModel, *enroll.Model) {
	t.Helper()
	m := enroll.New(lang, func(ctx context.Context, url, code string) error {
		return sync.EnrollAndSync(ctx, dir, url, code)
	})
	return teatest.NewTestModel(t, m, teatest.WithInitialTermSize(90, 24)), m
}

func typeText(tm *teatest.TestModel, s string) {
	for _, r := range s {
		tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(string(r))})
	}
}

func fill(tm *teatest.TestModel, url, code string) {
	typeText(tm, url)
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	typeText(tm, code)
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
}

func waitFor(t *testing.T, tm *teatest.TestModel, text string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return strings.Contains(string(b), text) },
		teatest.WithDuration(15*time.Second))
}

func TestEnrollThenFirstSync(t *testing.T) {
	ctx := context.Background()
	db, keys, url := centralWithStaff(t)
	code, err := db.NewEnrollCode(ctx, keys, "b1", "310000", time.Hour, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	tm, m := run(t, dir, "zh")
	waitFor(t, tm, "本终端尚未注册")
	fill(tm, url, code.String())
	tm.WaitFinished(t, teatest.WithFinalTimeout(30*time.Second))
	if !m.Enrolled {
		t.Fatal("the program ended without enrolling")
	}
	cfg, err := config.Load(dir)
	if err != nil || cfg.Region != "310000" || cfg.Branch != "b1" || cfg.TrustRoot == "" {
		t.Fatalf("config after enrollment: %+v, %v", cfg, err)
	}
	st, err := store.Open(ctx, config.KioskDB(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Staff(ctx, "C1001"); err != nil {
		t.Fatalf("the first sync did not bring the branch's staff: %v", err)
	}
}

func TestEnrollRefusals(t *testing.T) {
	ctx := context.Background()
	db, keys, url := centralWithStaff(t)
	used, err := db.NewEnrollCode(ctx, keys, "b1", "310000", time.Hour, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := sync.EnrollAndSync(ctx, t.TempDir(), url, used.String()); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, lang, url, code, want string
	}{
		{"address_without_https", "en", strings.Replace(url, "https://", "http://", 1), used.String(), "must start with https://"},
		{"malformed_code", "en", url, "not-a-code", "The code is malformed"},
		{"used_code", "zh", url, used.String(), "中心拒绝了该注册码"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			tm, m := run(t, dir, tc.lang)
			fill(tm, tc.url, tc.code)
			waitFor(t, tm, tc.want)
			if err := tm.Quit(); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(tm.FinalModel(t).(*enroll.Model).View(), tc.want) {
				t.Fatal("the refusal is not on the final screen")
			}
			if m.Enrolled {
				t.Fatal("enrolled despite the refusal")
			}
			if _, err := os.Stat(filepath.Join(dir, "config.json")); err == nil {
				t.Fatal("a refused enrollment left a config.json behind")
			}
		})
	}
}

func TestEnrollForm(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		t.Run(lang, func(t *testing.T) {
			tm, _ := run(t, t.TempDir(), lang)
			waitFor(t, tm, map[string]string{"zh": "注册码", "en": "Enrollment code"}[lang])
			if err := tm.Quit(); err != nil {
				t.Fatal(err)
			}
			teatest.RequireEqualOutput(t, []byte(tm.FinalModel(t).(*enroll.Model).View()))
		})
	}
}

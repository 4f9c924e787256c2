package login_test

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"onecard/screens/kiosktest"
	"onecard/screens/login"
)

func init() { lipgloss.SetColorProfile(termenv.Ascii) }

// seeded is a small population shared by the tests of this package; each test gets
// its own copy of the store through a fresh seed so that audit trails do not mix.
func seeded(t *testing.T, lang string) *kiosktest.Kiosk {
	t.Helper()
	dir, _ := kiosktest.Seed(t, 200)
	return kiosktest.Open(t, dir, lang)
}

func signIn(tm *teatest.TestModel, id, pin string) {
	kiosktest.Type(tm, id)
	kiosktest.Key(tm, tea.KeyTab)
	kiosktest.Type(tm, pin)
	kiosktest.Key(tm, tea.KeyEnter)
}

func TestLogin(t *testing.T) {
	for _, tt := range []struct{ name, lang, id, pin, want string }{
		{"counter_zh", "zh", "C1001", "135790", "电子社保卡查询"},
		{"auditor_en", "en", "A4001", "864200", "Audit trail"},
		{"wrong_pin_zh", "zh", "C1001", "111333", "还可尝试 4 次"},
		{"unknown_staff_en", "en", "X9999", "135790", "Wrong staff ID or PIN."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			k := seeded(t, tt.lang)
			tm := k.Run(t, login.New, 100, 30)
			kiosktest.WaitFor(t, tm, "C1001  135790") // demo logins are listed in demo mode
			signIn(tm, tt.id, tt.pin)
			kiosktest.WaitFor(t, tm, tt.want)
			m, view := kiosktest.Final(t, tm)
			teatest.RequireEqualOutput(t, []byte(view))
			signedIn := m.Context().Session != nil
			if want := !strings.Contains(tt.name, "wrong") && !strings.Contains(tt.name, "unknown"); signedIn != want {
				t.Errorf("signed in = %v, want %v", signedIn, want)
			}
			outcome := "ok"
			if !signedIn {
				outcome = "denied"
			}
			kiosktest.WaitAudit(t, k.Store, "login", outcome)
		})
	}
}

func TestLoginHidesDemoLoginsOutsideDemo(t *testing.T) {
	k := seeded(t, "en")
	k.C.Config.Demo = false
	tm := k.Run(t, login.New, 100, 30)
	kiosktest.WaitFor(t, tm, "Staff sign-in")
	_, view := kiosktest.Final(t, tm)
	if strings.Contains(view, "135790") || strings.Contains(view, "Demo logins") {
		t.Errorf("demo logins shown outside demo mode:\n%s", view)
	}
}

func TestLockout(t *testing.T) {
	k := seeded(t, "en")
	tm := k.Run(t, login.New, 100, 30)
	kiosktest.WaitFor(t, tm, "Staff sign-in")
	signIn(tm, "C1001", "111333")
	kiosktest.WaitFor(t, tm, "4 tries left")
	for left := 3; left >= 1; left-- {
		kiosktest.Type(tm, "111333")
		kiosktest.Key(tm, tea.KeyEnter)
		kiosktest.WaitFor(t, tm, []string{"", "1 tries left", "2 tries left", "3 tries left"}[left])
	}
	kiosktest.Type(tm, "111333")
	kiosktest.Key(tm, tea.KeyEnter)
	kiosktest.WaitFor(t, tm, "locked until 10:15")
	// The right PIN does not help while the account is locked.
	kiosktest.Type(tm, "135790")
	kiosktest.Key(tm, tea.KeyEnter)
	kiosktest.WaitFor(t, tm, "try again after 10:15")
	m, view := kiosktest.Final(t, tm)
	teatest.RequireEqualOutput(t, []byte(view))
	if m.Context().Session != nil {
		t.Fatal("signed in while locked out")
	}
	kiosktest.WaitAudit(t, k.Store, "lockout", "denied")
	st, err := k.Store.Staff(context.Background(), "C1001")
	if err != nil {
		t.Fatal(err)
	}
	if want := k.Clock.Now().Add(15 * time.Minute); !st.LockedUntil.Equal(want) {
		t.Errorf("locked until %v, want %v", st.LockedUntil, want)
	}
}

func TestAutoLock(t *testing.T) {
	for _, tt := range []struct {
		name, id, pin, want string
		unlocked            bool
	}{
		{"locked", "", "", "", false},
		{"owner_unlocks", "", "135790", "证件号输入完整即查询", true},
		{"supervisor_unlocks", "S3001", "975310", "证件号输入完整即查询", true},
		{"other_clerk_refused", "E2001", "246802", "此操作需要主管", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			k := seeded(t, "zh")
			tm := k.Run(t, login.New, 100, 30)
			kiosktest.WaitFor(t, tm, "工作人员登录")
			signIn(tm, "C1001", "135790")
			kiosktest.WaitFor(t, tm, "电子社保卡查询")
			kiosktest.Key(tm, tea.KeyEnter) // open the lookup: the lock must hide it
			kiosktest.WaitFor(t, tm, "证件号输入完整即查询")
			k.Clock.Advance(k.C.Config.IdleLock.D())
			kiosktest.WaitFor(t, tm, "已锁屏")
			kiosktest.WaitAudit(t, k.Store, "lock", "ok")
			if tt.pin != "" {
				if tt.id != "" {
					kiosktest.Key(tm, tea.KeyShiftTab)
					for range len("C1001") {
						kiosktest.Key(tm, tea.KeyBackspace)
					}
					kiosktest.Type(tm, tt.id)
					kiosktest.Key(tm, tea.KeyTab)
				}
				kiosktest.Type(tm, tt.pin)
				kiosktest.Key(tm, tea.KeyEnter)
				kiosktest.WaitFor(t, tm, tt.want)
			}
			m, view := kiosktest.Final(t, tm)
			teatest.RequireEqualOutput(t, []byte(view))
			if m.Locked() == tt.unlocked {
				t.Errorf("locked = %v after %s", m.Locked(), tt.name)
			}
			if m.Context().Session == nil || m.Context().Session.Staff.ID != "C1001" {
				t.Errorf("the session changed hands: %+v", m.Context().Session)
			}
			if !tt.unlocked && strings.Contains(view, "证件号输入完整即查询") {
				t.Errorf("the screen behind the lock shows:\n%s", view)
			}
			if tt.unlocked {
				kiosktest.WaitAudit(t, k.Store, "unlock", "ok")
			}
		})
	}
}

func TestLanguageSwitch(t *testing.T) {
	k := seeded(t, "zh")
	tm := k.Run(t, login.New, 100, 30)
	kiosktest.WaitFor(t, tm, "工作人员登录", "F2 English")
	kiosktest.Key(tm, tea.KeyF2)
	kiosktest.WaitFor(t, tm, "Staff sign-in", "F2 中文")
	signIn(tm, "E2001", "246802")
	kiosktest.WaitFor(t, tm, "Welcome, 李强 Li Qiang (exit-entry)")
	m, view := kiosktest.Final(t, tm)
	teatest.RequireEqualOutput(t, []byte(view))
	if m.Context().Keys.Help.Help().Desc != "help" {
		t.Errorf("key map not rebuilt: help reads %q", m.Context().Keys.Help.Help().Desc)
	}
}

func TestTooSmall(t *testing.T) {
	k := seeded(t, "en")
	tm := k.Run(t, login.New, 60, 20)
	kiosktest.WaitFor(t, tm, "终端窗口太小", "too small")
	// Keys do nothing while nothing can be seen: the PIN typed here must not sign in.
	signIn(tm, "C1001", "135790")
	tm.Send(tea.WindowSizeMsg{Width: 70, Height: 22})
	kiosktest.WaitFor(t, tm, "70×22")
	m, view := kiosktest.Final(t, tm)
	teatest.RequireEqualOutput(t, []byte(view))
	if m.Context().Session != nil {
		t.Error("signed in through an unreadable screen")
	}
}

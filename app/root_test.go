package app

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"onecard/config"
	"onecard/domain"
	"onecard/store"
)

// fakeScreen records what the router gives it.
type fakeScreen struct {
	name    string
	w, h    int
	inited  bool
	keys    []string
	langs   int
	results []string
	typing  bool
}

type resultMsg string

func (s *fakeScreen) Init() tea.Cmd { s.inited = true; return nil }
func (s *fakeScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		s.keys = append(s.keys, msg.String())
	case LanguageChangedMsg:
		s.langs++
	case resultMsg:
		s.results = append(s.results, string(msg))
	}
	return s, nil
}
func (s *fakeScreen) View() string              { return "screen " + s.name }
func (s *fakeScreen) SetSize(w, h int)          { s.w, s.h = w, h }
func (s *fakeScreen) Title() string             { return s.name }
func (s *fakeScreen) ShortHelp() []key.Binding  { return nil }
func (s *fakeScreen) FullHelp() [][]key.Binding { return nil }
func (s *fakeScreen) Typing() bool              { return s.typing }

func testContext() *Context {
	cfg := config.Default()
	cfg.TerminalID = "T-1"
	clock := time.Date(2025, 6, 1, 2, 0, 0, 0, time.UTC)
	return NewContext(nil, cfg, "", func() time.Time { return clock }, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

func send(t *testing.T, m *Model, msgs ...tea.Msg) {
	t.Helper()
	for _, msg := range msgs {
		if _, cmd := m.Update(msg); cmd != nil {
			if out := runCmd(cmd); out != nil {
				m.Update(out)
			}
		}
	}
}

// runCmd runs router Cmds (Push/Pop/Replace/Status) but not slow ones, which these
// tests do not need.
func runCmd(cmd tea.Cmd) tea.Msg {
	msg := cmd()
	switch msg.(type) {
	case PushMsg, PopMsg, ReplaceMsg, StatusMsg, ErrMsg:
		return msg
	}
	return nil
}

func keyMsg(s string) tea.KeyMsg {
	switch s {
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "ctrl+c":
		return tea.KeyMsg{Type: tea.KeyCtrlC}
	case "f2":
		return tea.KeyMsg{Type: tea.KeyF2}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

func TestRouter(t *testing.T) {
	c := testContext()
	first := &fakeScreen{name: "first"}
	m := New(c, func(*Context) Screen { return first })
	send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	if first.w != 100 || first.h != 26 {
		t.Fatalf("first sized %dx%d, want 100x26 (title, message, help, status take 4 rows)", first.w, first.h)
	}

	second := &fakeScreen{name: "second"}
	send(t, m, PushMsg{Screen: second})
	if m.Depth() != 2 || m.Top() != second || !second.inited || second.w != 100 {
		t.Fatalf("push: depth %d, top %v, inited %v, width %d", m.Depth(), m.Top().Title(), second.inited, second.w)
	}

	send(t, m, keyMsg("x"), resultMsg("r1"))
	if len(first.keys) != 0 || len(first.results) != 0 || strings.Join(second.keys, "") != "x" || len(second.results) != 1 {
		t.Errorf("keys/results: first %v %v, second %v %v", first.keys, first.results, second.keys, second.results)
	}

	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	if first.w != 120 || second.w != 120 || first.h != 36 {
		t.Errorf("resize: first %dx%d, second %dx%d", first.w, first.h, second.w, second.h)
	}

	send(t, m, keyMsg("f2"))
	if c.Text.Lang() != "en" || first.langs != 1 || second.langs != 1 || c.Keys.Help.Help().Desc != "help" {
		t.Errorf("language: %s, first %d second %d, help %q", c.Text.Lang(), first.langs, second.langs, c.Keys.Help.Help().Desc)
	}
	if len(second.keys) != 1 {
		t.Errorf("F2 reached the screen: %v", second.keys)
	}

	send(t, m, PopMsg{})
	if m.Depth() != 1 || m.Top() != first {
		t.Fatalf("pop: depth %d", m.Depth())
	}
	send(t, m, PopMsg{})
	if m.Depth() != 1 {
		t.Fatalf("popped the last screen")
	}

	third := &fakeScreen{name: "third"}
	send(t, m, PushMsg{Screen: second}, ReplaceMsg{Screen: third})
	if m.Depth() != 1 || m.Top() != third || !third.inited || third.w != 120 {
		t.Fatalf("replace: depth %d top %s", m.Depth(), m.Top().Title())
	}
}

func TestQuitNeedsSupervisor(t *testing.T) {
	for _, tt := range []struct {
		name   string
		key    string
		typing bool
		dialog bool
	}{
		{"ctrl+c", "ctrl+c", false, true},
		{"ctrl+c while typing", "ctrl+c", true, true},
		{"q", "q", false, true},
		{"q while typing is a letter", "q", true, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			top := &fakeScreen{name: "top", typing: tt.typing}
			m := New(testContext(), func(*Context) Screen { return top })
			send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
			_, cmd := m.Update(keyMsg(tt.key))
			if cmd != nil {
				if _, quit := cmd().(tea.QuitMsg); quit {
					t.Fatal("the kiosk quit without a supervisor")
				}
			}
			if open := m.dialog != nil && m.dialog.kind == quitDialog; open != tt.dialog {
				t.Fatalf("quit dialog open = %v, want %v", open, tt.dialog)
			}
			if tt.dialog {
				send(t, m, keyMsg("x"))
				if len(top.keys) != 0 {
					t.Errorf("keys reached the screen behind the dialog: %v", top.keys)
				}
				send(t, m, keyMsg("esc"))
				if m.dialog != nil {
					t.Error("esc did not close the quit dialog")
				}
			} else if strings.Join(top.keys, "") != "q" {
				t.Errorf("screen got %v", top.keys)
			}
		})
	}
}

func TestStaleDialogAnswerDropped(t *testing.T) {
	c := testContext()
	c.Session = &Session{Staff: domain.Staff{ID: "C1", Role: domain.RoleCounter}}
	m := New(c, func(*Context) Screen { return &fakeScreen{} })
	send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	m.dialog = newDialog(c, lockDialog, "C1")
	m.dialog.req = 2
	send(t, m, dialogAuthMsg{req: 1, kind: lockDialog, result: AuthResult{Outcome: AuthOK}})
	if !m.Locked() {
		t.Fatal("an answer to an older PIN try unlocked the kiosk")
	}
	send(t, m, dialogAuthMsg{req: 2, kind: lockDialog, result: AuthResult{Outcome: AuthOK}})
	if m.Locked() {
		t.Fatal("the current answer did not unlock")
	}
}

func TestErrorShownUntilNextKey(t *testing.T) {
	c := testContext()
	top := &fakeScreen{name: "top"}
	m := New(c, func(*Context) Screen { return top })
	send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	send(t, m, ErrMsg{Op: "lookup", Err: fmt.Errorf("person 9: %w", store.ErrNotFound)})
	if !strings.Contains(m.View(), c.Text.T("err.not_found")) {
		t.Fatalf("error text missing:\n%s", m.View())
	}
	if strings.Contains(m.View(), "person 9") {
		t.Error("raw error shown to staff")
	}
	send(t, m, ErrMsg{Op: "x", Err: errors.New("boom")}, keyMsg("a"))
	if strings.Contains(m.View(), c.Text.T("err.internal")) {
		t.Error("error not cleared by the next key")
	}
}

func TestTooSmallIgnoresKeys(t *testing.T) {
	top := &fakeScreen{name: "top"}
	m := New(testContext(), func(*Context) Screen { return top })
	send(t, m, tea.WindowSizeMsg{Width: 79, Height: 24}, keyMsg("a"), keyMsg("ctrl+c"))
	if len(top.keys) != 0 || m.dialog != nil {
		t.Errorf("keys acted on a screen too small to see: %v, dialog %v", top.keys, m.dialog)
	}
	if v := m.View(); !strings.Contains(v, "终端窗口太小") || !strings.Contains(v, "too small") || !strings.Contains(v, "79×24") {
		t.Errorf("too-small view:\n%s", v)
	}
}

func TestMask(t *testing.T) {
	for in, want := range map[string]string{
		"AB1234567":          "AB*****67",
		"1980-05-12":         "19**-**-12",
		"11010519491231002X": "11**************2X",
		"ABCD":               "****",
		"":                   "",
	} {
		if got := Mask(in); got != want {
			t.Errorf("Mask(%q) = %q, want %q", in, got, want)
		}
	}
}

// Package login is the first screen: staff ID and PIN, checked in a Cmd, with lockout.
// In demo mode it lists the demo logins.
package login

import (
	"context"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"onecard/app"
	"onecard/demodata"
	"onecard/screens/menu"
)

// Model is the login screen.
type Model struct {
	c      *app.Context
	form   app.PINForm
	req    int
	busy   bool
	note   string
	width  int
	height int
}

// signedInMsg answers a login attempt.
type signedInMsg struct {
	req    int
	result app.AuthResult
	err    error
}

// authTimeout bounds one PIN check with its audit write.
const authTimeout = 10 * time.Second

// New returns the login screen.
func New(c *app.Context) app.Screen {
	return &Model{c: c, form: app.NewPINForm(c, "")}
}

func (m *Model) Init() tea.Cmd { return nil }

func (m *Model) Title() string { return m.c.Text.T("login.title") }

func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

// Typing: the staff ID field takes letters.
func (m *Model) Typing() bool { return m.form.Typing() }

func (m *Model) Update(msg tea.Msg) (app.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		if m.busy {
			return m, nil
		}
		submitted, cmd := m.form.Update(msg)
		if submitted {
			return m, m.submit()
		}
		return m, cmd
	case signedInMsg:
		if msg.req != m.req {
			return m, nil
		}
		return m, m.signedIn(msg)
	case app.LanguageChangedMsg:
		m.note = ""
	}
	return m, nil
}

func (m *Model) submit() tea.Cmd {
	id, pinText := m.form.Values()
	m.req++
	m.busy, m.note = true, m.c.Text.T("auth.checking")
	r := m.c.AuthRequest("login", id, pinText)
	st, req := m.c.Store, m.req
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), authTimeout)
		defer cancel()
		res, err := app.Authenticate(ctx, st, r)
		return signedInMsg{req: req, result: res, err: err}
	}
}

func (m *Model) signedIn(msg signedInMsg) tea.Cmd {
	m.busy = false
	if msg.err != nil {
		m.note = ""
		m.form.ClearPIN()
		return app.Fail("login", msg.err)
	}
	if msg.result.Outcome != app.AuthOK {
		m.note = app.AuthText(m.c, msg.result)
		m.form.ClearPIN()
		return nil
	}
	m.c.Session = &app.Session{Staff: msg.result.Staff, Since: m.c.Clock()}
	return app.Replace(menu.New(m.c))
}

func (m *Model) View() string {
	t, st := m.c.Text, m.c.Styles
	note := ""
	if m.note != "" {
		style := st.Error
		if m.busy {
			style = st.Muted
		}
		note = style.Render(m.note)
	}
	parts := []string{st.Strong.Render(t.T("login.heading")), st.Muted.Render(t.T("login.hint")), "", m.form.View(), "", note}
	if m.c.Config.Demo {
		parts = append(parts, "", m.demoLogins())
	}
	return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center,
		lipgloss.JoinVertical(lipgloss.Left, parts...))
}

// demoLogins lists the demo staff; only ever shown when the config says demo.
func (m *Model) demoLogins() string {
	t, st := m.c.Text, m.c.Styles
	rows := []string{st.Strong.Render(t.T("login.demo_logins"))}
	w := 0
	for _, l := range demodata.Logins() {
		w = max(w, lipgloss.Width(m.c.RoleText(l.Role)))
	}
	for _, l := range demodata.Logins() {
		role := m.c.RoleText(l.Role)
		rows = append(rows, l.ID+"  "+l.PIN+"  "+role+lpad(role, w)+"  "+st.Muted.Render(l.Name))
	}
	return lipgloss.JoinVertical(lipgloss.Left, rows...)
}

// lpad pads s to w display columns (Chinese role names are double width).
func lpad(s string, w int) string {
	n := w - lipgloss.Width(s)
	if n <= 0 {
		return ""
	}
	return lipgloss.NewStyle().Width(n).Render("")
}

func (m *Model) ShortHelp() []key.Binding {
	return []key.Binding{m.c.Keys.NextField, m.c.Keys.Confirm}
}

func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

// Package enroll is the first screen of a terminal that is not enrolled yet: staff (or
// the installer) type central's address and the one-time enrollment code; the terminal
// gets its credentials and trust root, and its store is filled by a first sync before
// the login appears. It runs before there is a store or any staff account, so it is a
// program of its own rather than a screen of the kiosk shell.
package enroll

import (
	"context"
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"onecard/app"
	"onecard/assets"
	"onecard/sync"
)

// EnrollFunc enrolls the terminal with central and runs its first sync.
type EnrollFunc func(ctx context.Context, centralURL, code string) error

// Model is the enrollment program.
type Model struct {
	text     *assets.Catalog
	styles   *app.Styles
	enroll   EnrollFunc
	inputs   [2]textinput.Model // central address, code
	focus    int
	busy     bool
	failure  string
	Enrolled bool // set once enrollment and the first sync succeeded
	width    int
	keys     keys
}

type keys struct{ next, prev, submit, language, quit key.Binding }

// enrolledMsg answers an attempt.
type enrolledMsg struct{ err error }

// New returns the enrollment program in the config's start-up language.
func New(lang string, enroll EnrollFunc) *Model {
	m := &Model{text: assets.NewCatalog(assets.ParseLang(lang)), styles: app.NewStyles(assets.DefaultPalette()), enroll: enroll}
	for i := range m.inputs {
		in := textinput.New()
		in.Prompt = "› "
		in.CharLimit = 256
		in.Cursor.SetMode(cursor.CursorStatic)
		m.inputs[i] = in
	}
	m.inputs[0].Focus()
	m.relabel()
	return m
}

// relabel sets the texts that depend on the language.
func (m *Model) relabel() {
	t := m.text
	m.inputs[0].Placeholder = "https://central.example:8443"
	m.inputs[1].Placeholder = t.T("enroll.code_hint")
	b := func(help, id string, ks ...string) key.Binding {
		return key.NewBinding(key.WithKeys(ks...), key.WithHelp(help, t.T(id)))
	}
	m.keys = keys{
		next: b("tab", "key.next_field", "tab", "down"), prev: b("shift+tab", "key.prev_field", "shift+tab", "up"),
		submit: b("enter", "key.enroll", "enter"), language: b("F2", "key.language", "f2"),
		quit: b("ctrl+c", "key.quit_enroll", "ctrl+c"),
	}
}

func (m *Model) Init() tea.Cmd { return nil }

func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width = msg.Width
		for i := range m.inputs {
			m.inputs[i].Width = max(msg.Width-8, 20)
		}
		return m, nil
	case enrolledMsg:
		m.busy = false
		if msg.err != nil {
			m.failure = m.explain(msg.err)
			return m, nil
		}
		m.Enrolled = true
		return m, tea.Quit
	case tea.KeyMsg:
		return m, m.key(msg)
	}
	return m, nil
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.quit):
		// No staff account exists before enrollment, so there is no supervisor to ask.
		return tea.Quit
	case m.busy:
		return nil
	case key.Matches(msg, m.keys.language):
		m.text.Toggle()
		m.relabel()
		return nil
	case key.Matches(msg, m.keys.next), key.Matches(msg, m.keys.prev):
		m.inputs[m.focus].Blur()
		m.focus = 1 - m.focus
		return m.inputs[m.focus].Focus()
	case key.Matches(msg, m.keys.submit):
		return m.submit()
	}
	var cmd tea.Cmd
	m.inputs[m.focus], cmd = m.inputs[m.focus].Update(msg)
	return cmd
}

// submit checks the form and enrolls in a Cmd.
func (m *Model) submit() tea.Cmd {
	url, code := strings.TrimSpace(m.inputs[0].Value()), strings.TrimSpace(m.inputs[1].Value())
	switch {
	case !strings.HasPrefix(url, "https://"):
		m.failure = m.text.T("enroll.bad_address")
		return nil
	case code == "":
		m.failure = m.text.T("enroll.no_code")
		return nil
	}
	m.busy, m.failure = true, ""
	enroll := m.enroll
	return func() tea.Msg { return enrolledMsg{err: enroll(context.Background(), url, code)} }
}

// explain maps an enrollment failure to text an installer can act on.
func (m *Model) explain(err error) string {
	var refused *sync.RefusedError
	switch {
	case errors.Is(err, sync.ErrBadCode):
		return m.text.T("enroll.bad_code")
	case errors.As(err, &refused):
		return m.text.T("enroll.refused") + " (" + refused.Code + ")"
	}
	return m.text.F("enroll.failed", err.Error())
}

func (m *Model) View() string {
	t, s := m.text, m.styles
	lines := []string{s.Title.Width(max(m.width, 40)).Render(t.T("app.name") + " › " + t.T("enroll.title")), "",
		lipgloss.NewStyle().Width(max(m.width, 40)).Render(t.T("enroll.intro")), "",
		m.label(0, "enroll.address"), m.inputs[0].View(), "",
		m.label(1, "enroll.code"), m.inputs[1].View(), ""}
	switch {
	case m.busy:
		lines = append(lines, s.Muted.Render(t.T("enroll.working")))
	case m.failure != "":
		lines = append(lines, s.Error.Render(m.failure))
	}
	help := []string{}
	for _, b := range []key.Binding{m.keys.submit, m.keys.next, m.keys.language, m.keys.quit} {
		help = append(help, s.Help.ShortKey.Render(b.Help().Key)+" "+s.Help.ShortDesc.Render(b.Help().Desc))
	}
	lines = append(lines, "", strings.Join(help, "  "))
	return lipgloss.NewStyle().MaxWidth(max(m.width, 40)).Render(strings.Join(lines, "\n"))
}

func (m *Model) label(i int, id string) string {
	if m.focus == i {
		return m.styles.Form.FocusedLabel.Render(m.text.T(id))
	}
	return m.styles.Form.Label.Render(m.text.T(id))
}

// Package menu is the home screen: the signed-in staff member's workflows, by role.
package menu

import (
	"fmt"
	"strconv"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"onecard/app"
)

// Model is the home screen.
type Model struct {
	c       *app.Context
	entries []Entry
	cursor  int
	width   int
	height  int
}

// New returns the home screen for the signed-in role. With one workflow only, the
// home screen still shows, so that staff always land in the same place after login.
func New(c *app.Context) app.Screen {
	m := &Model{c: c}
	if c.Session != nil {
		m.entries = For(c.Session.Staff.Role)
	}
	return m
}

func (m *Model) Init() tea.Cmd { return nil }

func (m *Model) Title() string { return m.c.Text.T("menu.title") }

func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

func (m *Model) Update(msg tea.Msg) (app.Screen, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	switch {
	case key.Matches(k, m.c.Keys.Up):
		m.cursor = max(m.cursor-1, 0)
	case key.Matches(k, m.c.Keys.Down):
		m.cursor = min(m.cursor+1, len(m.entries)-1)
	case key.Matches(k, m.c.Keys.Confirm):
		return m, m.open(m.cursor)
	default:
		if n, err := strconv.Atoi(k.String()); err == nil && n >= 1 && n <= len(m.entries) {
			m.cursor = n - 1
			return m, m.open(n - 1)
		}
	}
	return m, nil
}

func (m *Model) open(i int) tea.Cmd {
	if i < 0 || i >= len(m.entries) {
		return nil
	}
	return app.Push(m.entries[i].Open(m.c))
}

func (m *Model) View() string {
	st := m.c.Styles
	rows := []string{}
	if s := m.c.Session; s != nil {
		rows = append(rows, st.Strong.Render(m.c.Text.F("menu.welcome", s.Staff.Name, m.c.RoleText(s.Staff.Role))), "")
	}
	for i, e := range m.entries {
		line := fmt.Sprintf("%d  %s", i+1, m.c.Text.T(e.ID))
		if i == m.cursor {
			rows = append(rows, st.Menu.Selected.Render(line))
		} else {
			rows = append(rows, st.Menu.Item.Render(line))
		}
	}
	if len(m.entries) == 0 {
		rows = append(rows, st.Muted.Render(m.c.Text.T("menu.none")))
	}
	return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, lipgloss.JoinVertical(lipgloss.Left, rows...))
}

func (m *Model) ShortHelp() []key.Binding {
	return []key.Binding{m.c.Binding("1-9", "key.choose", "1"), m.c.Keys.Confirm}
}

func (m *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.c.Keys.Up, m.c.Keys.Down, m.c.Keys.Confirm}}
}

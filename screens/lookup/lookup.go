// Package lookup is the e-card lookup: one search field for a permit number, SSN,
// passport number, PR ID or name (Latin or Chinese), a results table with masked
// identifiers, and every search audited.
package lookup

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/table"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"onecard/app"
	"onecard/domain"
	"onecard/identity"
	"onecard/screens/record"
	"onecard/store"
)

// Model is the lookup screen.
type Model struct {
	c       *app.Context
	find    Finder
	input   textinput.Model
	table   table.Model
	matches []store.Match
	shown   string // the text the shown results answer
	req     int    // the newest request; older results are dropped
	busy    bool
	inTable bool
	width   int
	height  int
}

// New returns the lookup screen on the context's store.
func New(c *app.Context) app.Screen { return NewWith(c, c.Store) }

// NewWith returns the lookup screen on any Finder.
func NewWith(c *app.Context, f Finder) *Model {
	in := textinput.New()
	in.Prompt = "› "
	in.CharLimit = 64
	in.Cursor.SetMode(cursor.CursorStatic)
	in.Focus()
	t := table.New(table.WithStyles(c.Styles.Table))
	m := &Model{c: c, find: f, input: in, table: t}
	m.placeholder()
	return m
}

func (m *Model) placeholder() { m.input.Placeholder = m.c.Text.T("lookup.placeholder") }

func (m *Model) Init() tea.Cmd { return nil }

func (m *Model) Title() string { return m.c.Text.T("lookup.title") }

// Typing: the search field takes any text while it has the focus.
func (m *Model) Typing() bool { return !m.inTable }

func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.input.Width = max(w-6, 10)
	m.table.SetWidth(w)
	m.table.SetHeight(max(h-4, 3))
	m.table.SetColumns(m.columns())
}

// columns fit the table to the width; the name column takes what is left.
func (m *Model) columns() []table.Column {
	t := m.c.Text
	fixed := []table.Column{
		{Title: t.T("col.chinese_name"), Width: 7},
		{Title: t.T("col.nationality"), Width: 4},
		{Title: t.T("col.passport"), Width: 10},
		{Title: t.T("col.permit"), Width: 18},
		{Title: t.T("col.status"), Width: 11},
	}
	used := 2 * (len(fixed) + 1) // cell padding
	for _, c := range fixed {
		used += c.Width
	}
	return append([]table.Column{{Title: t.T("col.name"), Width: max(m.width-used, 12)}}, fixed...)
}

func (m *Model) Update(msg tea.Msg) (app.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return m, m.key(msg)
	case debounceMsg:
		if msg.req != m.req {
			return m, nil
		}
		return m, m.start()
	case resultsFoundMsg:
		return m, m.results(msg)
	case app.LanguageChangedMsg:
		m.placeholder()
		m.table.SetColumns(m.columns())
		m.table.SetRows(m.rows())
	}
	return m, nil
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys
	if m.inTable {
		switch {
		case key.Matches(msg, k.Confirm):
			return m.open()
		case key.Matches(msg, k.Back), key.Matches(msg, k.NextField):
			m.focusInput()
			return nil
		case key.Matches(msg, k.Up) && m.table.Cursor() == 0:
			m.focusInput()
			return nil
		}
		var cmd tea.Cmd
		m.table, cmd = m.table.Update(msg)
		return cmd
	}
	switch {
	case key.Matches(msg, k.Back):
		if m.input.Value() == "" {
			return app.Pop()
		}
		m.input.Reset()
		m.clear()
		return nil
	case key.Matches(msg, k.Confirm):
		text := strings.TrimSpace(m.input.Value())
		if text == m.shown && len(m.matches) == 1 {
			return m.open()
		}
		if text == m.shown && len(m.matches) > 1 {
			m.focusTable()
			return nil
		}
		return m.startNew()
	case key.Matches(msg, k.Down), key.Matches(msg, k.NextField):
		if len(m.matches) > 0 {
			m.focusTable()
		}
		return nil
	}
	before := m.input.Value()
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	if m.input.Value() == before {
		return cmd
	}
	text := strings.TrimSpace(m.input.Value())
	if text == "" {
		m.clear()
		return cmd
	}
	switch planFor(text) {
	case planNow:
		return tea.Batch(cmd, m.startNew())
	case planDebounce:
		m.req++
		return tea.Batch(cmd, debounce(m.req))
	}
	m.req++ // results of the shorter text are no longer wanted
	return cmd
}

// startNew searches the current text as a new request.
func (m *Model) startNew() tea.Cmd {
	m.req++
	return m.start()
}

// start searches the current text as request m.req.
func (m *Model) start() tea.Cmd {
	text := strings.TrimSpace(m.input.Value())
	if text == "" {
		return nil
	}
	m.busy = true
	return search(m.find, text, m.req)
}

func (m *Model) clear() {
	m.req++
	m.matches, m.shown, m.busy = nil, "", false
	m.table.SetRows(nil)
}

// results shows an answer if it is the newest request's, and audits what was shown.
func (m *Model) results(msg resultsFoundMsg) tea.Cmd {
	if msg.req != m.req {
		return nil
	}
	m.busy = false
	if msg.err != nil {
		return app.Fail("lookup", msg.err)
	}
	m.matches, m.shown = msg.matches, msg.text
	m.table.SetRows(m.rows())
	m.table.SetCursor(0)
	return app.WriteAudit(m.c.Store, m.c.Entry("lookup", msg.text, domain.OutcomeOK, lookupDetail(msg)))
}

// lookupDetail records how the text was read and which persons were shown.
func lookupDetail(msg resultsFoundMsg) string {
	kinds := make([]string, len(msg.query.Kinds))
	for i, k := range msg.query.Kinds {
		kinds[i] = string(k)
	}
	ids := make([]string, len(msg.matches))
	for i, mt := range msg.matches {
		ids[i] = strconv.FormatInt(mt.Person.ID, 10)
	}
	return fmt.Sprintf("kind=%s shown=%s", strings.Join(kinds, ","), strings.Join(ids, ","))
}

func (m *Model) rows() []table.Row {
	rows := make([]table.Row, len(m.matches))
	for i, mt := range m.matches {
		p := mt.Person
		permit, status := "", ""
		if mt.Permit != nil {
			permit = mt.Permit.Number
			status, _ = m.c.PermitState(*mt.Permit)
		}
		rows[i] = table.Row{p.FullName(), p.ChineseName, p.Nationality, app.Mask(p.PassportNumber), permit, status}
	}
	return rows
}

func (m *Model) focusTable() {
	m.inTable = true
	m.input.Blur()
	m.table.Focus()
}

func (m *Model) focusInput() {
	m.inTable = false
	m.table.Blur()
	m.input.Focus()
}

func (m *Model) open() tea.Cmd {
	i := m.table.Cursor()
	if i < 0 || i >= len(m.matches) {
		return nil
	}
	return app.Push(record.New(m.c, m.matches[i].Person.ID))
}

// Matches returns the results shown (for tests and benchmarks).
func (m *Model) Matches() []store.Match { return m.matches }

// kindLine says how many results and how the shown text was read.
func (m *Model) kindLine() string {
	if m.shown == "" {
		return ""
	}
	q := identity.ClassifyQuery(m.shown)
	kinds := make([]string, len(q.Kinds))
	for i, k := range q.Kinds {
		kinds[i] = m.c.Text.T("kind." + string(k))
	}
	return m.c.Text.F("lookup.count", len(m.matches), strings.Join(kinds, " / "))
}

func (m *Model) View() string {
	st := m.c.Styles
	status := st.Muted.Render(m.kindLine())
	switch {
	case m.busy:
		status = st.Muted.Render(m.c.Text.T("lookup.searching"))
	case m.shown != "" && len(m.matches) == 0:
		status = st.Level.Warn.Render(m.c.Text.T("lookup.none"))
	case m.shown == "":
		status = st.Muted.Render(m.c.Text.T("lookup.hint"))
	}
	parts := []string{m.input.View(), status, ""}
	if len(m.matches) > 0 {
		parts = append(parts, m.table.View())
	}
	return lipgloss.JoinVertical(lipgloss.Left, parts...)
}

func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	if m.inTable {
		return []key.Binding{k.Up, k.Down, m.c.Binding("enter", "key.open", "enter"), k.Back}
	}
	return []key.Binding{m.c.Binding("enter", "key.search", "enter"), k.Down, k.Back}
}

func (m *Model) FullHelp() [][]key.Binding {
	k := m.c.Keys
	return [][]key.Binding{
		{m.c.Binding("enter", "key.search", "enter"), k.NextField, k.Back},
		{k.Up, k.Down, m.c.Binding("enter", "key.open", "enter")},
	}
}

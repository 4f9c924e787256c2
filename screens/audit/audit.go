// Package audit is the auditor's view of the audit trail: newest first, filtered by
// staff, event, subject and date, in pages, with a check of the hash chain.
package audit

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/table"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"onecard/app"
	"onecard/domain"
	"onecard/store"
)

// pageSize entries per page: a screenful on a large counter monitor.
const pageSize = 50

// loadTimeout bounds a page load or a chain check.
const loadTimeout = 30 * time.Second

// Model is the audit screen.
type Model struct {
	c       *app.Context
	table   table.Model
	entries []domain.AuditEntry
	filter  store.AuditFilter
	pages   []int64 // Before of each page shown so far; the last is the current page
	req     int
	form    *filterForm
	note    string
	bad     bool
	width   int
	height  int
}

// entriesLoadedMsg answers a page load.
type entriesLoadedMsg struct {
	req     int
	entries []domain.AuditEntry
	err     error
}

// chainCheckedMsg answers a chain check.
type chainCheckedMsg struct {
	req    int
	report store.AuditReport
	err    error
}

// New returns the audit screen showing the newest entries.
func New(c *app.Context) app.Screen {
	km := table.DefaultKeyMap()
	// Paging is the screen's (older/newer pages), and f opens the filter.
	km.PageDown, km.PageUp, km.HalfPageDown, km.HalfPageUp = key.Binding{}, key.Binding{}, key.Binding{}, key.Binding{}
	t := table.New(table.WithStyles(c.Styles.Table), table.WithKeyMap(km), table.WithFocused(true))
	return &Model{c: c, table: t, pages: []int64{0}}
}

func (m *Model) Init() tea.Cmd { return m.load() }

func (m *Model) Title() string { return m.c.Text.T("audit.title") }

// Typing: the filter form takes free text.
func (m *Model) Typing() bool { return m.form != nil }

func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.table.SetWidth(w)
	m.table.SetHeight(max(h-3, 3))
	m.table.SetColumns(m.columns())
}

func (m *Model) columns() []table.Column {
	t := m.c.Text
	cols := []table.Column{
		{Title: t.T("audit.col.seq"), Width: 6},
		{Title: t.T("audit.col.time"), Width: 16},
		{Title: t.T("audit.col.staff"), Width: 6},
		{Title: t.T("audit.col.event"), Width: 8},
		{Title: t.T("audit.col.subject"), Width: 14},
		{Title: t.T("audit.col.outcome"), Width: 6},
	}
	used := 2 * (len(cols) + 1)
	for _, c := range cols {
		used += c.Width
	}
	return append(cols, table.Column{Title: t.T("audit.col.detail"), Width: max(m.width-used, 10)})
}

func (m *Model) load() tea.Cmd {
	m.req++
	f := m.filter
	f.Before, f.Limit = m.pages[len(m.pages)-1], pageSize
	st, req := m.c.Store, m.req
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), loadTimeout)
		defer cancel()
		es, err := st.AuditEntries(ctx, f)
		return entriesLoadedMsg{req: req, entries: es, err: err}
	}
}

func (m *Model) Update(msg tea.Msg) (app.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case entriesLoadedMsg:
		if msg.req != m.req {
			return m, nil
		}
		if msg.err != nil {
			return m, app.Fail("audit", msg.err)
		}
		m.entries = msg.entries
		m.table.SetRows(m.rows())
		m.table.SetCursor(0)
	case chainCheckedMsg:
		if msg.req != m.req {
			return m, nil
		}
		if msg.err != nil {
			return m, app.Fail("audit verify", msg.err)
		}
		m.note, m.bad = m.c.Text.F("audit.chain_ok", msg.report.Entries), false
		if !msg.report.OK {
			m.note, m.bad = m.c.Text.F("audit.chain_broken", msg.report.FirstBroken, msg.report.Problem), true
		}
	case app.LanguageChangedMsg:
		m.table.SetColumns(m.columns())
		m.note = ""
	case tea.KeyMsg:
		return m, m.key(msg)
	}
	return m, nil
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys
	if m.form != nil {
		return m.formKey(msg)
	}
	switch {
	case key.Matches(msg, k.Back):
		return app.Pop()
	case key.Matches(msg, m.filterKey()):
		m.form = newFilterForm(m.filter, m.c.Config.Location())
		return nil
	case key.Matches(msg, k.PageDown):
		if len(m.entries) < pageSize {
			return nil
		}
		m.pages = append(m.pages, m.entries[len(m.entries)-1].Seq)
		return m.load()
	case key.Matches(msg, k.PageUp):
		if len(m.pages) == 1 {
			return nil
		}
		m.pages = m.pages[:len(m.pages)-1]
		return m.load()
	case key.Matches(msg, m.verifyKey()):
		return m.verify()
	}
	var cmd tea.Cmd
	m.table, cmd = m.table.Update(msg)
	return cmd
}

func (m *Model) formKey(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys
	switch {
	case key.Matches(msg, k.Back):
		m.form = nil
	case key.Matches(msg, k.NextField), key.Matches(msg, k.Down):
		m.form.move(1)
	case key.Matches(msg, k.PrevField), key.Matches(msg, k.Up):
		m.form.move(-1)
	case key.Matches(msg, k.Confirm):
		f, bad := m.form.filter(m.c.Config.Location())
		if bad != "" {
			m.note, m.bad = m.c.Text.F("audit.filter.bad_date", m.c.Text.T("audit.filter."+bad)), true
			return nil
		}
		m.form, m.filter, m.pages, m.note = nil, f, []int64{0}, ""
		detail := fmt.Sprintf("staff=%s event=%s subject=%s from=%s until=%s", f.StaffID, f.Event, f.Subject,
			dateText(f.From, m.c.Config.Location(), 0), dateText(f.Until, m.c.Config.Location(), -1))
		return tea.Batch(m.load(), app.WriteAudit(m.c.Store, m.c.Entry("audit_query", "audit", domain.OutcomeOK, detail)))
	default:
		var cmd tea.Cmd
		m.form.inputs[m.form.focus], cmd = m.form.inputs[m.form.focus].Update(msg)
		return cmd
	}
	return nil
}

func (m *Model) verify() tea.Cmd {
	m.req++
	m.note, m.bad = m.c.Text.T("audit.chain_checking"), false
	st, req := m.c.Store, m.req
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), loadTimeout)
		defer cancel()
		rep, err := st.VerifyAudit(ctx)
		return chainCheckedMsg{req: req, report: rep, err: err}
	}
}

func (m *Model) rows() []table.Row {
	loc := m.c.Config.Location()
	rows := make([]table.Row, len(m.entries))
	for i, e := range m.entries {
		rows[i] = table.Row{strconv.FormatInt(e.Seq, 10), e.At.In(loc).Format("2006-01-02 15:04"), e.StaffID,
			e.Event, e.Subject, m.c.Text.T("outcome." + string(e.Outcome)), e.Detail}
	}
	return rows
}

func (m *Model) View() string {
	st := m.c.Styles
	if m.form != nil {
		return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, m.form.view(m.c, m.width))
	}
	head := st.Muted.Render(m.c.Text.F("audit.page", len(m.pages), len(m.entries), m.filterText()))
	note := st.Notice.Render(m.note)
	if m.bad {
		note = st.Error.Render(m.note)
	}
	if len(m.entries) == 0 {
		return lipgloss.JoinVertical(lipgloss.Left, head, note, st.Muted.Render(m.c.Text.T("audit.empty")))
	}
	return lipgloss.JoinVertical(lipgloss.Left, head, note, m.table.View())
}

// filterText summarises the active filter.
func (m *Model) filterText() string {
	f := m.filter
	if f == (store.AuditFilter{}) {
		return m.c.Text.T("audit.filter.none")
	}
	loc := m.c.Config.Location()
	return fmt.Sprintf("%s %s %s %s %s", f.StaffID, f.Event, f.Subject, dateText(f.From, loc, 0), dateText(f.Until, loc, -1))
}

func (m *Model) filterKey() key.Binding { return m.c.Binding("f", "key.filter", "f") }
func (m *Model) verifyKey() key.Binding { return m.c.Binding("v", "key.verify_chain", "v") }

func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	if m.form != nil {
		return []key.Binding{k.NextField, k.Confirm, k.Back}
	}
	return []key.Binding{m.filterKey(), m.c.Binding("pgdn", "key.older", "pgdown"), m.c.Binding("pgup", "key.newer", "pgup"), m.verifyKey(), k.Back}
}

func (m *Model) FullHelp() [][]key.Binding {
	k := m.c.Keys
	return [][]key.Binding{
		{k.Up, k.Down, m.c.Binding("pgdn", "key.older", "pgdown"), m.c.Binding("pgup", "key.newer", "pgup")},
		{m.filterKey(), m.verifyKey(), k.Back},
	}
}

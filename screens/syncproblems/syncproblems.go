// Package syncproblems is the supervisor's view of the link to central: the sync
// client's state and every event central rejected, with central's reason, so that a
// refused registration or authentication is followed up at the counter instead of
// being retried forever. Opening it is audited.
package syncproblems

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/table"
	tea "github.com/charmbracelet/bubbletea"

	"onecard/app"
	"onecard/domain"
)

// listLimit is how many rejected events the screen lists, newest first.
const listLimit = 200

// Model is the sync-problems screen.
type Model struct {
	c        *app.Context
	table    table.Model
	rejected []domain.OutboxEvent
	pending  int
	loaded   bool
	req      int
	width    int
	height   int
}

// problemsLoadedMsg answers a load of the rejected events.
type problemsLoadedMsg struct {
	req      int
	rejected []domain.OutboxEvent
	pending  int
}

// New returns the screen; it loads its list when started.
func New(c *app.Context) app.Screen {
	t := table.New(table.WithStyles(c.Styles.Table), table.WithFocused(true))
	return &Model{c: c, table: t}
}

// Init loads the list and audits that a supervisor looked at it.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(m.load(), app.WriteAudit(m.c.Store, m.c.Entry("sync_problems", m.c.Config.TerminalID, domain.OutcomeOK, "")))
}

func (m *Model) load() tea.Cmd {
	m.req++
	req, st := m.req, m.c.Store
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		rejected, err := st.RejectedEvents(ctx, listLimit)
		if err != nil {
			return app.ErrMsg{Op: "load sync problems", Err: err}
		}
		pending, err := st.CountPending(ctx)
		if err != nil {
			return app.ErrMsg{Op: "load sync problems", Err: err}
		}
		return problemsLoadedMsg{req: req, rejected: rejected, pending: pending}
	}
}

func (m *Model) Title() string { return m.c.Text.T("syncproblems.title") }

func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.table.SetWidth(w)
	m.table.SetHeight(max(h-7, 3))
	m.table.SetColumns(m.columns())
}

func (m *Model) columns() []table.Column {
	t := m.c.Text
	fixed := []table.Column{
		{Title: t.T("syncproblems.col.seq"), Width: 7},
		{Title: t.T("syncproblems.col.time"), Width: 16},
		{Title: t.T("syncproblems.col.kind"), Width: 14},
	}
	used := 0
	for _, c := range fixed {
		used += c.Width + 2
	}
	return append(fixed, table.Column{Title: t.T("syncproblems.col.reason"), Width: max(m.width-used-2, 20)})
}

func (m *Model) rows() []table.Row {
	rows := make([]table.Row, 0, len(m.rejected))
	loc := m.c.Config.Location()
	for _, e := range m.rejected {
		rows = append(rows, table.Row{strconv.FormatInt(e.Seq, 10), e.CreatedAt.In(loc).Format("2006-01-02 15:04"),
			e.Kind, e.Reason})
	}
	return rows
}

func (m *Model) Update(msg tea.Msg) (app.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case problemsLoadedMsg:
		if msg.req != m.req {
			return m, nil
		}
		m.rejected, m.pending, m.loaded = msg.rejected, msg.pending, true
		m.table.SetRows(m.rows())
		return m, nil
	case app.LanguageChangedMsg:
		m.table.SetColumns(m.columns())
		return m, nil
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, m.c.Keys.Back):
			return m, app.Pop()
		case key.Matches(msg, m.refreshKey()):
			return m, m.load()
		}
		var cmd tea.Cmd
		m.table, cmd = m.table.Update(msg)
		return m, cmd
	}
	return m, nil
}

func (m *Model) refreshKey() key.Binding { return m.c.Binding("r", "key.refresh", "r") }

func (m *Model) View() string {
	t := m.c.Text
	lines := []string{m.link(), m.c.Styles.Muted.Render(t.F("syncproblems.pending", m.pending)), ""}
	switch {
	case !m.loaded:
		lines = append(lines, m.c.Styles.Muted.Render(t.T("syncproblems.loading")))
	case len(m.rejected) == 0:
		lines = append(lines, m.c.Styles.Level.OK.Render(t.T("syncproblems.none")))
	default:
		lines = append(lines, m.c.Styles.Level.Bad.Render(t.F("syncproblems.count", len(m.rejected))),
			m.c.Styles.Muted.Render(t.T("syncproblems.advice")), m.table.View())
	}
	return strings.Join(lines, "\n")
}

// link describes the sync client's state as the supervisor needs it.
func (m *Model) link() string {
	t := m.c.Text
	if m.c.Sync == nil {
		return m.c.Styles.Level.Warn.Render(t.T("status.no_central"))
	}
	s := m.c.Sync.Status()
	state := m.c.Styles.Level.OK.Render(t.T("status.online"))
	if !s.Online {
		state = m.c.Styles.Level.Warn.Render(t.T("status.offline"))
	}
	line := state + "  " + t.F("syncproblems.last_sync", m.c.Age(s.LastSync))
	if s.LastError != "" {
		line += "  " + m.c.Styles.Error.Render(t.F("syncproblems.last_error", s.LastError))
	}
	return line
}

func (m *Model) ShortHelp() []key.Binding {
	return []key.Binding{m.c.Keys.Up, m.c.Keys.Down, m.refreshKey(), m.c.Keys.SyncNow, m.c.Keys.Back}
}

func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

// Package record is the detail view of one person: the person, the work permit with
// its state in colour, the e-SSC, SSN, insurance registration, physical card,
// residence verifications and notifications. Identifiers are masked until revealed
// with a reason, and every view and reveal is audited.
package record

import (
	"context"
	"strconv"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"onecard/app"
	"onecard/domain"
	"onecard/insurance"
	"onecard/store"
)

// loadTimeout bounds loading one record.
const loadTimeout = 5 * time.Second

// Model is the record screen.
type Model struct {
	c        *app.Context
	id       int64
	rec      *store.Record
	cards    []insurance.CardEvent // the physical card's history, oldest first
	req      int
	revealed map[string]bool
	reveal   *revealDialog
	vp       viewport.Model
	width    int
	height   int
}

// recordLoadedMsg answers a record load.
type recordLoadedMsg struct {
	req   int
	rec   store.Record
	cards []insurance.CardEvent
	err   error
}

// revealedMsg says the reveal of field was audited, so it may be shown.
type revealedMsg struct {
	req   int
	field string
	err   error
}

// New returns the record screen of person id; it loads in Init.
func New(c *app.Context, id int64) app.Screen {
	return &Model{c: c, id: id, revealed: map[string]bool{}, vp: viewport.New(0, 0)}
}

func (m *Model) Init() tea.Cmd {
	m.req++
	st, id, req := m.c.Store, m.id, m.req
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), loadTimeout)
		defer cancel()
		rec, err := st.Record(ctx, id)
		if err != nil {
			return recordLoadedMsg{req: req, err: err}
		}
		cards, err := st.CardHistory(ctx, id)
		return recordLoadedMsg{req: req, rec: rec, cards: cards, err: err}
	}
}

func (m *Model) Title() string {
	if m.rec == nil {
		return m.c.Text.T("record.title")
	}
	return m.c.Text.T("record.title") + " · " + m.rec.Person.FullName()
}

// Typing: only the reveal dialog's typed reason takes free text.
func (m *Model) Typing() bool { return m.reveal != nil && m.reveal.typing }

func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.vp.Width, m.vp.Height = w, h
	m.refresh()
}

func (m *Model) subject() string { return strconv.FormatInt(m.id, 10) }

func (m *Model) Update(msg tea.Msg) (app.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case recordLoadedMsg:
		if msg.req != m.req {
			return m, nil
		}
		if msg.err != nil {
			return m, app.Fail("record", msg.err)
		}
		m.rec, m.cards = &msg.rec, msg.cards
		m.refresh()
		return m, app.WriteAudit(m.c.Store, m.c.Entry("view", m.subject(), domain.OutcomeOK, ""))
	case revealedMsg:
		if msg.req != m.req {
			return m, nil
		}
		if msg.err != nil {
			// Not audited, not shown: a reveal that cannot be recorded does not happen.
			return m, app.Fail("reveal", msg.err)
		}
		m.revealed[msg.field] = true
		m.refresh()
		return m, app.Status(m.c.Text.F("reveal.done", m.c.Text.T("field."+msg.field)))
	case app.LanguageChangedMsg:
		m.refresh()
	case tea.KeyMsg:
		return m, m.key(msg)
	}
	return m, nil
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	if m.reveal != nil {
		field, reason, cancel := m.reveal.update(m.c, msg)
		switch {
		case cancel:
			m.reveal = nil
		case field != "":
			m.reveal = nil
			return m.doReveal(field, reason)
		}
		return nil
	}
	switch {
	case key.Matches(msg, m.c.Keys.Back):
		return app.Pop()
	case key.Matches(msg, m.revealKey()):
		if fields := m.maskedFields(); len(fields) > 0 {
			m.reveal = newReveal(fields)
		}
		return nil
	}
	for _, a := range m.actions() {
		if key.Matches(msg, a.key) {
			return app.Push(a.open(m.c, m.id))
		}
	}
	var cmd tea.Cmd
	m.vp, cmd = m.vp.Update(msg)
	return cmd
}

// doReveal audits the reveal first; the field shows only once the entry is written.
func (m *Model) doReveal(field, reason string) tea.Cmd {
	m.req++
	e := m.c.Entry("reveal", m.subject()+":"+field, domain.OutcomeOK, "reason="+reason)
	st, req := m.c.Store, m.req
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), loadTimeout)
		defer cancel()
		_, err := st.Audit(ctx, e)
		return revealedMsg{req: req, field: field, err: err}
	}
}

// maskedFields lists the identifiers this record has that are still masked.
func (m *Model) maskedFields() []string {
	if m.rec == nil {
		return nil
	}
	var out []string
	add := func(f string, present bool) {
		if present && !m.revealed[f] {
			out = append(out, f)
		}
	}
	p := m.rec.Person
	add(FieldPassport, p.PassportNumber != "")
	add(FieldBirthDate, !p.BirthDate.IsZero())
	add(FieldSSN, m.ssn() != "")
	add(FieldPRID, p.PRID != "")
	return out
}

// Revealed reports whether field is shown unmasked (for tests).
func (m *Model) Revealed(field string) bool { return m.revealed[field] }

func (m *Model) refresh() {
	if m.rec != nil {
		m.vp.SetContent(m.render())
	}
}

func (m *Model) View() string {
	if m.rec == nil {
		return m.c.Styles.Muted.Render(m.c.Text.T("record.loading"))
	}
	if m.reveal != nil {
		return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, m.reveal.view(m.c, m.width))
	}
	return m.vp.View()
}

func (m *Model) revealKey() key.Binding { return m.c.Binding("r", "key.reveal", "r") }

func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	if m.reveal != nil {
		return []key.Binding{k.Up, k.Down, k.Confirm, k.Back}
	}
	return append([]key.Binding{m.revealKey()}, append(m.actionKeys(), k.Back)...)
}

func (m *Model) FullHelp() [][]key.Binding {
	k := m.c.Keys
	return [][]key.Binding{{m.revealKey(), k.Back}, m.actionKeys(), {k.Up, k.Down, k.PageUp, k.PageDown}}
}

func (m *Model) actionKeys() []key.Binding {
	var out []key.Binding
	for _, a := range m.actions() {
		out = append(out, a.key)
	}
	return out
}

// Package card is the physical social security card at the counter: the application
// (photo receipt and bank branch; the person needs an SSN and no live card), then the
// actions the card's state allows (issue, loss reports, freeze, cancellation), each
// confirmed, audited and queued for central, which applies it to its own state and
// syncs the card and its history back.
package card

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"onecard/app"
	"onecard/domain"
	rules "onecard/insurance"
	"onecard/screens/insurance/holder"
	"onecard/store"
	"onecard/sync"
)

// ioTimeout bounds one load or write.
const ioTimeout = 5 * time.Second

type step int

const (
	stepFind    step = iota
	stepCard         // the card, its history and the actions allowed
	stepApply        // the application form
	stepConfirm      // confirm the chosen application or action
)

// Model is the card screen.
type Model struct {
	c        *app.Context
	picker   holder.Picker
	personID int64
	step     step
	rec      *store.Record
	history  []rules.CardEvent
	waiting  []sync.EventCardAction // requests central has not answered, applications included
	refused  []string               // central's refusals for this person, as the clerk reads them
	inputs   [2]textinput.Model     // photo receipt, bank branch
	focus    int
	action   rules.CardAction // the action to confirm; ActionApply for an application
	note     string
	req      int
	width    int
	height   int
}

// loadedMsg carries the card's history and the person's requests in the outbox.
type loadedMsg struct {
	req      int
	history  []rules.CardEvent
	waiting  []sync.EventCardAction
	refused  []string
	err      error
	personID int64
}

// queuedMsg answers a request's write.
type queuedMsg struct{ err error }

// New returns the card screen, asking for the holder.
func New(c *app.Context) app.Screen { return newModel(c, 0) }

// NewFor returns the card screen for person id (from their open record).
func NewFor(c *app.Context, id int64) app.Screen { return newModel(c, id) }

func newModel(c *app.Context, id int64) *Model {
	m := &Model{c: c, picker: holder.New(c), personID: id}
	for i := range m.inputs {
		m.inputs[i] = textinput.New()
		m.inputs[i].Prompt = "› "
		m.inputs[i].CharLimit = 60
	}
	return m
}

func (m *Model) Init() tea.Cmd {
	if m.personID != 0 {
		return m.picker.Load(m.c, m.personID)
	}
	return nil
}

func (m *Model) Title() string { return m.c.Text.T("cards.title") }

func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

func (m *Model) Typing() bool { return m.step == stepFind || m.step == stepApply }

func (m *Model) Update(msg tea.Msg) (app.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case holder.Found:
		if !m.picker.Mine(msg) {
			return m, nil
		}
		if msg.Err != nil {
			m.note = holder.ErrorText(m.c, msg)
			return m, nil
		}
		m.rec, m.step, m.note = &msg.Rec, stepCard, ""
		return m, tea.Batch(m.load(), app.WriteAudit(m.c.Store, m.c.Entry("view", m.subject(), domain.OutcomeOK, "card via="+msg.Via)))
	case loadedMsg:
		if msg.req != m.req {
			return m, nil
		}
		if msg.err != nil {
			return m, app.Fail("card history", msg.err)
		}
		m.history, m.waiting, m.refused = msg.history, msg.waiting, msg.refused
	case queuedMsg:
		if msg.err != nil {
			return m, app.Fail("card request", msg.err)
		}
		m.step, m.note = stepCard, m.c.Text.T("cards.queued")
		return m, m.load()
	case app.ScanMsg:
		if m.step == stepFind {
			return m, m.picker.Update(m.c, msg)
		}
	case tea.KeyMsg:
		return m, m.key(msg)
	}
	return m, nil
}

func (m *Model) subject() string { return strconv.FormatInt(m.rec.Person.ID, 10) }

// ssn is the number central assigned, from the e-SSC.
func (m *Model) ssn() string {
	if m.rec.ESSC != nil {
		return m.rec.ESSC.SSN
	}
	return ""
}

// state is the card's state as last synced; "" without a card.
func (m *Model) state() domain.CardState {
	if m.rec.Card == nil {
		return ""
	}
	return m.rec.Card.State
}

// actions lists what the clerk may do now: nothing while a request waits for central,
// since it was confirmed on the state shown.
func (m *Model) actions() []rules.CardAction {
	if len(m.waiting) > 0 {
		return nil
	}
	if m.rec.Card == nil || m.rec.Card.State == domain.CardCancelled {
		return []rules.CardAction{rules.ActionApply}
	}
	return rules.AllowedCardActions(m.rec.Card.State)
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	if key.Matches(msg, m.c.Keys.Back) {
		switch m.step {
		case stepApply, stepConfirm:
			m.step = stepCard
			return nil
		}
		return app.Pop()
	}
	switch m.step {
	case stepFind:
		return m.picker.Update(m.c, msg)
	case stepCard:
		acts := m.actions()
		if n, err := strconv.Atoi(msg.String()); err == nil && n >= 1 && n <= len(acts) {
			m.action, m.note = acts[n-1], ""
			if m.action == rules.ActionApply {
				m.step, m.focus = stepApply, 0
				m.inputs[0].Focus()
				m.inputs[1].Blur()
				return nil
			}
			m.step = stepConfirm
		}
	case stepApply:
		return m.form(msg)
	case stepConfirm:
		if key.Matches(msg, m.c.Keys.Confirm) {
			return m.queue()
		}
	}
	return nil
}

// form edits the application; Enter checks it with the rules first.
func (m *Model) form(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.c.Keys.NextField), key.Matches(msg, m.c.Keys.PrevField):
		m.inputs[m.focus].Blur()
		m.focus = 1 - m.focus
		return m.inputs[m.focus].Focus()
	case key.Matches(msg, m.c.Keys.Confirm):
		if r := rules.CheckCardApplication(m.ssn(), m.rec.Card, m.application()); r != "" {
			m.note = rules.Message(r, string(m.c.Text.Lang()))
			return app.WriteAudit(m.c.Store, m.c.Entry("card_apply", m.subject(), domain.OutcomeDenied, string(r)))
		}
		m.step, m.note = stepConfirm, ""
		return nil
	}
	var cmd tea.Cmd
	m.inputs[m.focus], cmd = m.inputs[m.focus].Update(msg)
	return cmd
}

func (m *Model) application() rules.CardApplication {
	return rules.CardApplication{PhotoReceipt: strings.TrimSpace(m.inputs[0].Value()), BankBranch: strings.TrimSpace(m.inputs[1].Value())}
}

// queue audits the confirmed request and queues it for central in one transaction.
func (m *Model) queue() tea.Cmd {
	c, a, id, from := m.c, m.action, m.rec.Person.ID, m.state()
	form := m.application()
	entry := c.Entry("card_"+string(a), m.subject(), domain.OutcomeOK, "")
	prefix, st, staff, at := "CARD-"+c.Config.TerminalID+"-", c.Store, c.StaffID(), c.Now()
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
		defer cancel()
		err := st.Update(ctx, func(w *store.Writer) error {
			ref, err := w.NextRef(ctx, prefix)
			if err != nil {
				return err
			}
			kind, payload := sync.EventKindCardAction, any(sync.EventCardAction{Ref: ref, PersonID: id, Action: a, From: from, At: at, StaffID: staff})
			if a == rules.ActionApply {
				kind, payload = sync.EventKindCardApplication, sync.EventCardApplication{Ref: ref, PersonID: id,
					PhotoReceipt: form.PhotoReceipt, BankBranch: form.BankBranch, At: at, StaffID: staff}
			}
			b, err := json.Marshal(payload)
			if err != nil {
				return err
			}
			entry.Detail = ref
			if _, err := w.Audit(ctx, entry); err != nil {
				return err
			}
			_, err = w.Enqueue(ctx, kind, b, at)
			return err
		})
		return queuedMsg{err: err}
	}
}

// load reads the card's history and the person's card requests in the outbox.
func (m *Model) load() tea.Cmd {
	m.req++
	req, st, id, lang := m.req, m.c.Store, m.rec.Person.ID, string(m.c.Text.Lang())
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
		defer cancel()
		msg := loadedMsg{req: req, personID: id}
		if msg.history, msg.err = st.CardHistory(ctx, id); msg.err != nil {
			return msg
		}
		pending, err := st.PendingEvents(ctx, 1000)
		if err != nil {
			msg.err = err
			return msg
		}
		for _, e := range pending {
			if a, ok := cardRequest(e, id); ok {
				msg.waiting = append(msg.waiting, a)
			}
		}
		rejected, err := st.RejectedEvents(ctx, 1000)
		if err != nil {
			msg.err = err
			return msg
		}
		for _, e := range rejected {
			if _, ok := cardRequest(e, id); ok {
				msg.refused = append(msg.refused, holder.RejectionText(e.Reason, lang))
			}
		}
		return msg
	}
}

// cardRequest reads an outbox event as a card request about person id.
func cardRequest(e domain.OutboxEvent, id int64) (sync.EventCardAction, bool) {
	switch e.Kind {
	case sync.EventKindCardAction:
		var a sync.EventCardAction
		return a, json.Unmarshal(e.Payload, &a) == nil && a.PersonID == id
	case sync.EventKindCardApplication:
		var a sync.EventCardApplication
		ok := json.Unmarshal(e.Payload, &a) == nil && a.PersonID == id
		return sync.EventCardAction{Ref: a.Ref, PersonID: a.PersonID, Action: rules.ActionApply, At: a.At}, ok
	}
	return sync.EventCardAction{}, false
}

func (m *Model) ShortHelp() []key.Binding {
	switch m.step {
	case stepCard:
		if len(m.actions()) > 0 {
			return []key.Binding{m.c.Binding("1-9", "cards.key.action", "1"), m.c.Keys.Back}
		}
	case stepApply:
		return []key.Binding{m.c.Keys.NextField, m.c.Binding("enter", "cards.key.check", "enter"), m.c.Keys.Back}
	case stepConfirm:
		return []key.Binding{m.c.Binding("enter", "key.confirm", "enter"), m.c.Keys.Back}
	}
	return []key.Binding{m.c.Keys.Back}
}

func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

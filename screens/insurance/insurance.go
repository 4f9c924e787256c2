// Package insurance is the counter's social-insurance registration: the employer (by
// its unified social credit code) or the foreigner registers on the strength of the
// Notification Letter or the e-SSC. The counter checks the rules on its own store,
// records the registration as pending, audits and queues it in one transaction;
// central decides it again and assigns the social security number.
package insurance

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

// saveTimeout bounds the registration's write.
const saveTimeout = 5 * time.Second

// step is where the clerk is in the registration.
type step int

const (
	stepFind    step = iota // waiting for a permit number or code
	stepForm                // registrant, USCC and exemption
	stepConfirm             // the rules passed: confirm to record
	stepDone                // recorded, pending at central
)

// Model is the registration screen.
type Model struct {
	c          *app.Context
	picker     holder.Picker
	personID   int64 // 0: ask for the holder
	step       step
	found      *holder.Found
	agreements rules.Agreements
	synced     bool // the agreement list came from central
	self       bool // the foreigner registers, not the employer
	exempt     bool // exemption asked for every insurance the agreement covers
	uscc       textinput.Model
	decision   *rules.RegistrationDecision
	saved      string // the registration's reference once recorded
	note       string
	width      int
	height     int
}

// agreementsLoadedMsg carries the agreement list in force at this branch.
type agreementsLoadedMsg struct {
	list   rules.Agreements
	synced bool
}

// savedMsg answers the registration's write.
type savedMsg struct {
	ref string
	err error
}

// New returns the registration screen, asking for the holder.
func New(c *app.Context) app.Screen { return newModel(c, 0) }

// NewFor returns the registration screen for person id (from their open record).
func NewFor(c *app.Context, id int64) app.Screen { return newModel(c, id) }

func newModel(c *app.Context, id int64) *Model {
	u := textinput.New()
	u.Prompt = "› "
	u.CharLimit = 18
	return &Model{c: c, picker: holder.New(c), personID: id, uscc: u, agreements: rules.DefaultAgreements()}
}

func (m *Model) Init() tea.Cmd {
	st := m.c.Store
	load := func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), saveTimeout)
		defer cancel()
		return loadAgreements(ctx, st)
	}
	if m.personID != 0 {
		return tea.Batch(load, m.picker.Load(m.c, m.personID))
	}
	return load
}

// loadAgreements reads the list central published, falling back to the built-in one
// when none was synced or the synced one does not parse.
func loadAgreements(ctx context.Context, st *store.Store) agreementsLoadedMsg {
	doc, err := st.Setting(ctx, rules.SettingAgreements)
	if err == nil {
		if a, err := rules.ParseAgreements(doc); err == nil {
			return agreementsLoadedMsg{list: a, synced: true}
		}
	}
	return agreementsLoadedMsg{list: rules.DefaultAgreements()}
}

func (m *Model) Title() string { return m.c.Text.T("ins.title") }

func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

// Typing: the holder field and the USCC field take free text.
func (m *Model) Typing() bool { return m.step == stepFind || m.step == stepForm && !m.self }

func (m *Model) Update(msg tea.Msg) (app.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case agreementsLoadedMsg:
		m.agreements, m.synced = msg.list, msg.synced
		m.redecide()
	case holder.Found:
		if !m.picker.Mine(msg) {
			return m, nil
		}
		if msg.Err != nil {
			m.note = holder.ErrorText(m.c, msg)
			return m, nil
		}
		m.found, m.step, m.note = &msg, stepForm, ""
		m.uscc.Focus()
		m.redecide()
		return m, app.WriteAudit(m.c.Store, m.c.Entry("view", m.subject(), domain.OutcomeOK, "insurance via="+msg.Via))
	case savedMsg:
		if msg.err != nil {
			m.step = stepForm
			return m, app.Fail("insurance registration", msg.err)
		}
		m.saved, m.step = msg.ref, stepDone
		return m, nil
	case app.ScanMsg:
		if m.step == stepFind {
			return m, m.picker.Update(m.c, msg)
		}
	case tea.KeyMsg:
		return m, m.key(msg)
	}
	return m, nil
}

func (m *Model) subject() string {
	if m.found == nil {
		return ""
	}
	return strconv.FormatInt(m.found.Rec.Person.ID, 10)
}

func (m *Model) registrantKey() key.Binding {
	return m.c.Binding("tab", "ins.key.registrant", "tab")
}

func (m *Model) exemptKey() key.Binding { return m.c.Binding("ctrl+e", "ins.key.exempt", "ctrl+e") }

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	if key.Matches(msg, m.c.Keys.Back) {
		if m.step == stepConfirm {
			m.step = stepForm
			return nil
		}
		return app.Pop()
	}
	switch m.step {
	case stepFind:
		return m.picker.Update(m.c, msg)
	case stepForm:
		switch {
		case key.Matches(msg, m.registrantKey()):
			m.self = !m.self
		case key.Matches(msg, m.exemptKey()):
			m.exempt = !m.exempt
		case key.Matches(msg, m.c.Keys.Confirm):
			m.redecide()
			if m.decision.Accepted {
				m.step = stepConfirm
				return nil
			}
			return app.WriteAudit(m.c.Store, m.c.Entry("insurance_register", m.subject(), domain.OutcomeDenied, string(m.decision.Reason)))
		case !m.self:
			var cmd tea.Cmd
			m.uscc, cmd = m.uscc.Update(msg)
			m.redecide()
			return cmd
		}
		m.redecide()
	case stepConfirm:
		if key.Matches(msg, m.c.Keys.Confirm) {
			return m.save()
		}
	}
	return nil
}

// request is what the rules see: the registration as the counter would record it.
func (m *Model) request() rules.RegistrationRequest {
	f := m.found
	req := rules.RegistrationRequest{Person: f.Rec.Person, Permit: f.Permit, Registrant: domain.RegistrantEmployer,
		EmployerUSCC: strings.ToUpper(strings.TrimSpace(m.uscc.Value())), Existing: f.Rec.Registrations, Day: m.c.Today()}
	if m.self {
		req.Registrant, req.EmployerUSCC = domain.RegistrantSelf, ""
	}
	if m.exempt {
		req.RequestExempt = m.agreements.Exemptions(f.Rec.Person.Nationality, req.Day)
	}
	return req
}

// redecide applies the rules to what is on screen, so the deadline, the late flag and
// any refusal show while the clerk fills the form.
func (m *Model) redecide() {
	if m.found == nil {
		return
	}
	d := rules.DecideRegistration(m.request(), m.agreements)
	m.decision = &d
}

// save records the registration as pending, audits it and queues it for central, all
// in one transaction.
func (m *Model) save() tea.Cmd {
	req, d := m.request(), *m.decision
	c := m.c
	r := domain.InsuranceRegistration{PersonID: req.Person.ID, PermitNumber: req.Permit.Number, Registrant: req.Registrant,
		EmployerUSCC: req.EmployerUSCC, RegisteredOn: req.Day, Late: d.Late, Exempt: d.Exempt, Branch: c.Config.Branch,
		Status: domain.RegistrationPending, UpdatedAt: c.Clock()}
	entry := c.Entry("insurance_register", m.subject(), domain.OutcomeOK, "")
	prefix, st, staff, at := "REG-"+c.Config.TerminalID+"-", c.Store, c.StaffID(), c.Clock()
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), saveTimeout)
		defer cancel()
		err := st.Update(ctx, func(w *store.Writer) error {
			ref, err := w.NextRef(ctx, prefix)
			if err != nil {
				return err
			}
			r.ID = ref
			if err := w.PutRegistration(ctx, r); err != nil {
				return err
			}
			entry.Detail = ref
			if _, err := w.Audit(ctx, entry); err != nil {
				return err
			}
			payload, err := json.Marshal(sync.EventRegistration{Registration: r, StaffID: staff})
			if err != nil {
				return err
			}
			_, err = w.Enqueue(ctx, sync.EventKindRegistration, payload, at)
			return err
		})
		return savedMsg{ref: r.ID, err: err}
	}
}

func (m *Model) ShortHelp() []key.Binding {
	switch m.step {
	case stepForm:
		return []key.Binding{m.registrantKey(), m.exemptKey(), m.c.Binding("enter", "ins.key.check", "enter"), m.c.Keys.Back}
	case stepConfirm:
		return []key.Binding{m.c.Binding("enter", "ins.key.record", "enter"), m.c.Keys.Back}
	}
	return []key.Binding{m.c.Binding("enter", "key.confirm", "enter"), m.c.Keys.Back}
}

func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

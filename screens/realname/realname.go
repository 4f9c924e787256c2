// Package realname is real-name authentication at the counter: the passport's MRZ is
// read, the person found (or the open one taken), every field compared with the record,
// the photo checked by staff, and the outcome recorded in one transaction: the e-SSC's
// real-name state, the audit entry and the event for central.
package realname

import (
	"strconv"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"onecard/app"
	"onecard/identity"
	"onecard/screens/mrzform"
	"onecard/store"
)

// step is where the authentication stands.
type step int

const (
	stepRead     step = iota // collecting the MRZ
	stepChecking             // parsing, finding the person, comparing
	stepReview               // fields shown; photo check and confirmation
	stepSaving               // the outcome is being recorded
	stepDone                 // recorded
)

// Model is the real-name authentication screen.
type Model struct {
	c        *app.Context
	personID int64 // the person opened from a record; 0 finds them by the MRZ
	form     *mrzform.Form
	step     step
	req      int
	rec      *store.Record // the person compared with; nil when no one was found
	review   mrzform.Review
	search   string // the passport key searched when no person was found
	saved    saved
	width    int
	height   int
}

// saved is what the recording did.
type saved struct {
	outcome identity.AuthOutcome
	essc    bool // the e-SSC's real-name state was set
}

// New returns the screen for person id, or for whoever the passport names when id is 0.
func New(c *app.Context, id int64) *Model {
	return &Model{c: c, personID: id, form: mrzform.New(c)}
}

// Open is New(c, 0) for a menu entry.
func Open(c *app.Context) app.Screen { return New(c, 0) }

func (m *Model) Init() tea.Cmd { return nil }

func (m *Model) Title() string {
	if m.rec == nil {
		return m.c.Text.T("realname.title")
	}
	return m.c.Text.T("realname.title") + " · " + m.rec.Person.FullName()
}

// Typing: the MRZ field takes any text while it is shown.
func (m *Model) Typing() bool { return m.step == stepRead }

func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.form.SetWidth(w)
}

func (m *Model) subject() string {
	if m.rec == nil {
		return ""
	}
	return strconv.FormatInt(m.rec.Person.ID, 10)
}

// Outcome is the recorded outcome, "" until one is recorded (for tests and the caller).
func (m *Model) Outcome() identity.AuthOutcome { return m.saved.outcome }

func (m *Model) Update(msg tea.Msg) (app.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case app.ScanMsg:
		return m, m.scan(msg)
	case checkedMsg:
		return m, m.checked(msg)
	case recordedMsg:
		return m, m.recorded(msg)
	case tea.KeyMsg:
		return m, m.key(msg)
	}
	return m, nil
}

// scan feeds a document reader's line to the form; a new document read while a
// comparison or result is shown starts over with it.
func (m *Model) scan(msg app.ScanMsg) tea.Cmd {
	switch m.step {
	case stepChecking, stepSaving:
		return nil // the reader fired during a store call; the staff member reads again
	case stepReview, stepDone:
		m.restart()
	}
	return m.feed(msg)
}

func (m *Model) feed(msg tea.Msg) tea.Cmd {
	cmd, text, done := m.form.Update(msg)
	if !done {
		return cmd
	}
	return tea.Batch(cmd, m.check(text))
}

func (m *Model) restart() {
	m.req++ // whatever is outstanding answers an earlier document
	m.step, m.rec, m.review, m.search, m.saved = stepRead, nil, mrzform.Review{}, "", saved{}
	m.form.Reset()
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys
	switch m.step {
	case stepRead:
		if key.Matches(msg, k.Back) {
			if len(m.form.Lines()) == 0 {
				return app.Pop()
			}
			m.form.Reset()
			return nil
		}
		return m.feed(msg)
	case stepReview:
		switch {
		case m.rec != nil && m.review.Key(m.c, msg):
			return nil
		case key.Matches(msg, k.Confirm) && m.rec != nil:
			if !m.review.Decided() {
				return app.Status(m.c.Text.T("realname.photo_first"))
			}
			return m.record()
		case key.Matches(msg, k.Back), key.Matches(msg, m.againKey()):
			m.restart()
		}
	case stepDone:
		switch {
		case key.Matches(msg, k.Back), key.Matches(msg, k.Confirm):
			return app.Pop()
		case key.Matches(msg, m.againKey()):
			m.restart()
		}
	}
	return nil
}

func (m *Model) againKey() key.Binding { return m.c.Binding("r", "key.read_again", "r") }

func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	switch m.step {
	case stepReview:
		if m.rec == nil {
			return []key.Binding{m.againKey(), k.Back}
		}
		return append(mrzform.PhotoKeys(m.c), k.Confirm, m.againKey(), k.Back)
	case stepDone:
		return []key.Binding{m.againKey(), k.Back}
	}
	return []key.Binding{k.Confirm, k.Back}
}

func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

// Package residence is residence-permit verification at the exit-entry counter: the
// work permit from a scanned e-SSC or Notification-Letter code or a typed number, the
// passport read and compared with the holder's record, the entry date, visa type and
// document checklist, then the policy's decision with every rule explained, recorded in
// one transaction and printable as a slip.
package residence

import (
	"path/filepath"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"onecard/app"
	"onecard/domain"
	rules "onecard/residence"
	"onecard/screens/mrzform"
	"onecard/slip"
	"onecard/store"
)

// storeTimeout bounds one store call of this screen.
const storeTimeout = 5 * time.Second

// step is where the verification stands.
type step int

const (
	stepPermit   step = iota // scan a code or type the permit number
	stepLoading              // verifying the code or loading the permit's holder
	stepMRZ                  // reading the passport
	stepChecking             // comparing the passport with the record
	stepReview               // fields shown; photo check
	stepApply                // entry date, visa, first application, documents
	stepDeciding             // recording the decision
	stepDecided              // decision shown; slip
)

// Slips says where decision slips go.
type Slips struct {
	Dir     string // text and PDF slips; made when missing
	Printer string // a printer device for the text slip instead of a file; "" for none
	Font    string // TrueType font with CJK glyphs for the PDF
}

// DefaultSlips puts slips in DIR/slips of the kiosk's data directory.
func DefaultSlips(c *app.Context) Slips {
	return Slips{Dir: filepath.Join(c.DataDir, "slips"), Font: slip.DefaultFont}
}

// Model is the residence-permit verification screen.
type Model struct {
	c      *app.Context
	slips  Slips
	policy rules.Policy
	step   step
	req    int
	permit permitStep
	rec    *store.Record
	wp     domain.WorkPermit
	form   *mrzform.Form
	review mrzform.Review
	apply  applyForm
	done   decided
	width  int
	height int
}

// New returns the screen with slips in the default directory.
func New(c *app.Context) app.Screen { return NewWith(c, DefaultSlips(c)) }

// NewWith returns the screen with slips where s says.
func NewWith(c *app.Context, s Slips) *Model {
	return &Model{c: c, slips: s, policy: rules.DefaultPolicy(), permit: newPermitStep(c), form: mrzform.New(c)}
}

// Init loads the policy central last published.
func (m *Model) Init() tea.Cmd { return loadPolicy(m.c.Store) }

func (m *Model) Title() string {
	if m.rec == nil {
		return m.c.Text.T("residence.title")
	}
	return m.c.Text.T("residence.title") + " · " + m.rec.Person.FullName()
}

// Typing: the permit field, the MRZ field and the form's text fields take free text.
func (m *Model) Typing() bool {
	return m.step == stepPermit || m.step == stepMRZ || m.step == stepApply && m.apply.typing()
}

func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.form.SetWidth(w)
	m.permit.field.Input.Width = max(min(w-6, 40), 10)
}

// Decision is the recorded decision and its reference, for tests.
func (m *Model) Decision() (rules.Decision, string) { return m.done.decision, m.done.ref }

// SlipPaths lists the slips written, for tests.
func (m *Model) SlipPaths() []string { return m.done.slips }

func (m *Model) Update(msg tea.Msg) (app.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case policyLoadedMsg:
		if msg.err != nil {
			m.c.Log.Warn("residence policy setting unusable; using the built-in policy", "err", msg.err)
		}
		m.policy = msg.policy
		return m, nil
	case app.ScanMsg:
		return m, m.scan(msg)
	case verifiedMsg:
		return m, m.verified(msg)
	case holderLoadedMsg:
		return m, m.holderLoaded(msg)
	case checkedMsg:
		return m, m.checked(msg)
	case decidedMsg:
		return m, m.decidedResult(msg)
	case slipWrittenMsg:
		return m, m.slipWritten(msg)
	case tea.KeyMsg:
		return m, m.key(msg)
	}
	return m, nil
}

// scan routes a code: a credential while the permit is asked for, an MRZ line while
// the passport is; anything read at another moment is not for this step and dropped.
func (m *Model) scan(msg app.ScanMsg) tea.Cmd {
	switch m.step {
	case stepPermit:
		return m.verify(msg.Payload)
	case stepMRZ:
		return m.feedMRZ(msg)
	}
	return nil
}

// restart returns to the first step for the next applicant.
func (m *Model) restart() {
	m.req++
	policy := m.policy
	*m = Model{c: m.c, slips: m.slips, policy: policy, req: m.req, permit: newPermitStep(m.c), form: mrzform.New(m.c),
		width: m.width, height: m.height}
	m.SetSize(m.width, m.height)
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys
	switch m.step {
	case stepPermit:
		return m.permitKey(msg)
	case stepMRZ:
		if key.Matches(msg, k.Back) {
			if len(m.form.Lines()) > 0 {
				m.form.Reset()
				return nil
			}
			m.restart()
			return nil
		}
		return m.feedMRZ(msg)
	case stepReview:
		switch {
		case m.review.Key(m.c, msg):
		case key.Matches(msg, k.Confirm):
			if !m.review.Decided() {
				return app.Status(m.c.Text.T("realname.photo_first"))
			}
			m.step, m.apply = stepApply, newApplyForm(m.c, m.policy)
		case key.Matches(msg, k.Back), key.Matches(msg, readAgainKey(m.c)):
			m.step = stepMRZ
			m.form.Reset()
		}
	case stepApply:
		if key.Matches(msg, k.Back) {
			m.step = stepReview
			return nil
		}
		if key.Matches(msg, k.Confirm) {
			return m.decide()
		}
		return m.apply.update(m.c, m.policy, msg)
	case stepDecided:
		switch {
		case key.Matches(msg, slipKey(m.c)):
			return m.writeSlips()
		case key.Matches(msg, nextKey(m.c)):
			m.restart()
		case key.Matches(msg, k.Back):
			return app.Pop()
		}
	}
	return nil
}

func readAgainKey(c *app.Context) key.Binding { return c.Binding("r", "key.read_again", "r") }
func slipKey(c *app.Context) key.Binding      { return c.Binding("s", "key.print_slip", "s") }
func nextKey(c *app.Context) key.Binding      { return c.Binding("n", "key.next_applicant", "n") }

func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	switch m.step {
	case stepReview:
		return append(mrzform.PhotoKeys(m.c), k.Confirm, readAgainKey(m.c), k.Back)
	case stepApply:
		return []key.Binding{k.Up, k.Down, m.apply.toggleKey(m.c), k.Confirm, k.Back}
	case stepDecided:
		return []key.Binding{slipKey(m.c), nextKey(m.c), k.Back}
	}
	return []key.Binding{k.Confirm, k.Back}
}

func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

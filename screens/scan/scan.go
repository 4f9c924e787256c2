// Package scan is the scan-and-verify screen: codes from the attached scanners, a
// keyboard-wedge burst or a pasted payload are verified offline against the trust
// bundle and the local record, shown as a full-width verdict with the holder's details
// for comparison with the person at the counter, audited and reported to central.
package scan

import (
	"context"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"onecard/app"
	"onecard/credential"
	"onecard/screens/record"
)

// recentCodes is how many codes the screen lists under the verdict.
const recentCodes = 5

// previewEvery is how often the camera preview is redrawn.
const previewEvery = 250 * time.Millisecond

// read is one code read and its verdict, for the list of recent codes.
type read struct {
	at     time.Time
	source string
	result credential.Result
}

// Model is the scan screen.
type Model struct {
	c      *app.Context
	field  app.ScanField
	req    int
	busy   bool
	result *credential.Result
	recent []read
	width  int
	height int
}

// New returns the scan screen.
func New(c *app.Context) app.Screen {
	m := &Model{c: c, field: app.NewScanField(c)}
	m.placeholder()
	return m
}

func (m *Model) placeholder() { m.field.Input.Placeholder = m.c.Text.T("scan.placeholder") }

// Init starts the camera preview's redraws when a camera is attached.
func (m *Model) Init() tea.Cmd {
	if m.c.Camera == nil {
		return nil
	}
	return previewTick()
}

func (m *Model) Title() string { return m.c.Text.T("scan.title") }

// Typing: the field takes pasted or typed payloads.
func (m *Model) Typing() bool { return true }

func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.field.Input.Width = max(w-6, 10)
}

type previewTickMsg struct{}

func previewTick() tea.Cmd {
	return tea.Tick(previewEvery, func(time.Time) tea.Msg { return previewTickMsg{} })
}

// verifiedMsg answers request req: the verdict, and whether recording it failed.
type verifiedMsg struct {
	req       int
	source    string
	result    credential.Result
	recordErr error
}

// personFoundMsg answers "open the record" for the shown permit.
type personFoundMsg struct {
	req      int
	personID int64
}

func (m *Model) Update(msg tea.Msg) (app.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case app.ScanMsg:
		return m, m.verify(msg.Payload, msg.Source)
	case verifiedMsg:
		if msg.req != m.req {
			return m, nil
		}
		m.busy = false
		m.result = &msg.result
		m.recent = append([]read{{at: m.c.Now(), source: msg.source, result: msg.result}}, m.recent...)
		if len(m.recent) > recentCodes {
			m.recent = m.recent[:recentCodes]
		}
		if msg.recordErr != nil {
			return m, app.Fail("record verification", msg.recordErr)
		}
		return m, nil
	case personFoundMsg:
		if msg.req != m.req {
			return m, nil
		}
		return m, app.Push(record.New(m.c, msg.personID))
	case previewTickMsg:
		return m, previewTick()
	case app.LanguageChangedMsg:
		m.placeholder()
		return m, nil
	case tea.KeyMsg:
		return m, m.key(msg)
	}
	return m, nil
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.c.Keys.Back):
		return app.Pop()
	case key.Matches(msg, m.openKey()) && m.canOpen():
		return m.open()
	}
	cmd, text, done, scanned := m.field.Update(m.c, msg)
	if !done || text == "" {
		return cmd
	}
	source := "typed"
	if scanned {
		source = "wedge"
	}
	return m.verify(text, source)
}

func (m *Model) openKey() key.Binding { return m.c.Binding("ctrl+o", "key.open_record", "ctrl+o") }

// canOpen: a decoded code names a permit that may be in the local store.
func (m *Model) canOpen() bool { return m.result != nil && m.result.Permit != "" }

// verify checks the payload in a Cmd, then audits it and queues it for central in one
// transaction; the screen shows the newest request's answer only.
func (m *Model) verify(payload, source string) tea.Cmd {
	m.req++
	m.busy = true
	req, c := m.req, m.c
	entry := c.Entry("verify", "", "", source)
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		res := c.Verify.Verify(ctx, payload)
		return verifiedMsg{req: req, source: source, result: res, recordErr: recordVerification(ctx, c.Store, entry, res)}
	}
}

// open finds the person the shown permit belongs to and pushes their record.
func (m *Model) open() tea.Cmd {
	m.req++
	req, st, permit := m.req, m.c.Store, m.result.Permit
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		w, err := st.Permit(ctx, permit) // store.ErrNotFound: the permit is another region's
		if err != nil {
			return app.ErrMsg{Op: "open record", Err: err}
		}
		return personFoundMsg{req: req, personID: w.PersonID}
	}
}

func (m *Model) ShortHelp() []key.Binding {
	if m.canOpen() {
		return []key.Binding{m.c.Binding("enter", "key.verify", "enter"), m.openKey(), m.c.Keys.Back}
	}
	return []key.Binding{m.c.Binding("enter", "key.verify", "enter"), m.c.Keys.Back}
}

func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

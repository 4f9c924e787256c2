// Package services is the one-card services desk: the holder's business information on
// one screen (permit, e-SSC, SSN, insurance registration, card, residence
// verifications), their notices, and on their request the work-permit information
// printed as text or exported as a PDF (the e-SSC's "query and download"). Every print
// and export is audited.
package services

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strconv"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"onecard/app"
	"onecard/domain"
	"onecard/screens/insurance/holder"
	"onecard/slip"
	"onecard/store"
	"onecard/sync"
)

// ioTimeout bounds one load, or one write with its audit entry.
const ioTimeout = 10 * time.Second

// Options says where printouts go.
type Options struct {
	Dir     string // exports and text prints; default <data dir>/exports
	Printer string // a printer device for text prints; "" prints to a file in Dir
	Font    string // CJK TrueType font for PDFs; default slip.DefaultFont
}

// Model is the services screen.
type Model struct {
	c        *app.Context
	opt      Options
	picker   holder.Picker
	personID int64
	rec      *store.Record
	refused  map[string]string // registration id -> central's refusal, as the clerk reads it
	note     string
	noteBad  bool
	req      int
	width    int
	height   int
}

// refusalsMsg carries central's refusals of this person's registrations.
type refusalsMsg struct {
	req     int
	refused map[string]string
	err     error
}

// writtenMsg answers a print or export.
type writtenMsg struct {
	path string
	err  error
}

// New returns the services screen, asking for the holder.
func New(c *app.Context) app.Screen { return NewWith(c, 0, Options{}) }

// NewFor returns the services screen for person id (from their open record).
func NewFor(c *app.Context, id int64) app.Screen { return NewWith(c, id, Options{}) }

// NewWith returns the services screen with its printouts going where opt says; id 0
// asks for the holder.
func NewWith(c *app.Context, id int64, opt Options) app.Screen {
	if opt.Dir == "" {
		opt.Dir = filepath.Join(c.DataDir, "exports")
	}
	if opt.Font == "" {
		opt.Font = slip.DefaultFont
	}
	return &Model{c: c, opt: opt, picker: holder.New(c), personID: id}
}

func (m *Model) Init() tea.Cmd {
	if m.personID != 0 {
		return m.picker.Load(m.c, m.personID)
	}
	return nil
}

func (m *Model) Title() string { return m.c.Text.T("svc.title") }

func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

func (m *Model) Typing() bool { return m.rec == nil }

func (m *Model) subject() string { return strconv.FormatInt(m.rec.Person.ID, 10) }

func (m *Model) Update(msg tea.Msg) (app.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case holder.Found:
		if !m.picker.Mine(msg) {
			return m, nil
		}
		if msg.Err != nil {
			m.note, m.noteBad = holder.ErrorText(m.c, msg), true
			return m, nil
		}
		m.rec, m.note = &msg.Rec, ""
		return m, tea.Batch(m.loadRefusals(), app.WriteAudit(m.c.Store, m.c.Entry("view", m.subject(), domain.OutcomeOK, "services via="+msg.Via)))
	case refusalsMsg:
		if msg.req == m.req && msg.err == nil {
			m.refused = msg.refused
		}
		if msg.err != nil {
			return m, app.Fail("services", msg.err)
		}
	case writtenMsg:
		if msg.err != nil {
			return m, app.Fail("print", msg.err)
		}
		// The file's name, not its path: the directory is the kiosk's configured one.
		m.note, m.noteBad = m.c.Text.F("svc.written", filepath.Base(msg.path)), false
	case app.ScanMsg:
		if m.rec == nil {
			return m, m.picker.Update(m.c, msg)
		}
	case tea.KeyMsg:
		return m, m.key(msg)
	}
	return m, nil
}

func (m *Model) noticesKey() key.Binding { return m.c.Binding("ctrl+n", "svc.key.notices", "ctrl+n") }
func (m *Model) printKey() key.Binding   { return m.c.Binding("ctrl+p", "svc.key.print", "ctrl+p") }
func (m *Model) pdfKey() key.Binding     { return m.c.Binding("ctrl+d", "svc.key.pdf", "ctrl+d") }

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.c.Keys.Back):
		return app.Pop()
	case m.rec == nil:
		return m.picker.Update(m.c, msg)
	case key.Matches(msg, m.noticesKey()):
		return m.output("print", "notices", ".txt", []byte(noticesText(m.c, *m.rec)))
	case key.Matches(msg, m.printKey()) && m.rec.CurrentPermit() != nil:
		return m.output("print", "permit", ".txt", []byte(permitText(m.c, *m.rec)))
	case key.Matches(msg, m.pdfKey()) && m.rec.CurrentPermit() != nil:
		return m.pdf()
	}
	return nil
}

// loadRefusals finds central's refusals of the person's registrations in the outbox.
func (m *Model) loadRefusals() tea.Cmd {
	m.req++
	req, st, id, lang := m.req, m.c.Store, m.rec.Person.ID, string(m.c.Text.Lang())
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
		defer cancel()
		rej, err := st.RejectedEvents(ctx, 1000)
		out := map[string]string{}
		for _, e := range rej {
			var ev sync.EventRegistration
			if e.Kind == sync.EventKindRegistration && json.Unmarshal(e.Payload, &ev) == nil && ev.Registration.PersonID == id {
				out[ev.Registration.ID] = holder.RejectionText(e.Reason, lang)
			}
		}
		return refusalsMsg{req: req, refused: out, err: err}
	}
}

// fileName names a printout after what it holds and when it was made.
func (m *Model) fileName(what, ext string) string {
	return filepath.Join(m.opt.Dir, what+"-"+m.subject()+"-"+m.c.Now().Format("20060102-150405")+ext)
}

// output writes a text printout to the printer, or to a file, and audits it.
func (m *Model) output(event, what, ext string, data []byte) tea.Cmd {
	path := m.fileName(what, ext)
	if m.opt.Printer != "" {
		path = m.opt.Printer
	}
	return m.write(event, what, path, func() ([]byte, error) { return data, nil })
}

// pdf exports the work-permit information as a PDF file.
func (m *Model) pdf() tea.Cmd {
	lines, font, number := permitLines(m.c, *m.rec), m.opt.Font, m.rec.CurrentPermit().Number
	return m.write("export", "permit", m.fileName("permit", ".pdf"), func() ([]byte, error) {
		return slip.LinesPDF("Work permit "+number, lines, font)
	})
}

// write renders, writes and audits one printout; a printout whose audit entry cannot be
// written is removed, so nothing leaves the counter unrecorded.
func (m *Model) write(event, what, path string, render func() ([]byte, error)) tea.Cmd {
	st, entry, dir := m.c.Store, m.c.Entry(event, m.subject(), domain.OutcomeOK, what+" "+path), m.opt.Dir
	toFile := path != m.opt.Printer
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
		defer cancel()
		data, err := render()
		if err == nil && toFile {
			err = mkdir(dir)
		}
		if err == nil {
			err = slip.Write(path, data)
		}
		if err != nil {
			entry.Outcome, entry.Detail = domain.OutcomeFailed, what+": "+err.Error()
			_, _ = st.Audit(ctx, entry)
			return writtenMsg{err: err}
		}
		if _, err := st.Audit(ctx, entry); err != nil {
			if toFile {
				remove(path)
			}
			return writtenMsg{err: err}
		}
		return writtenMsg{path: path}
	}
}

func (m *Model) ShortHelp() []key.Binding {
	if m.rec == nil {
		return []key.Binding{m.c.Binding("enter", "key.confirm", "enter"), m.c.Keys.Back}
	}
	return []key.Binding{m.noticesKey(), m.printKey(), m.pdfKey(), m.c.Keys.Back}
}

func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

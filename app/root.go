// Package app is the kiosk shell: the root bubbletea model with its screen router, the
// shared Context, messages, styles and keys, the status bar, staff authentication, and
// the lock and quit dialogs. It never imports the screens; they import it.
package app

import (
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"onecard/domain"
)

// Minimum terminal size: the results table and the record need 80 columns, and the
// record's main facts 24 rows.
const (
	MinWidth  = 80
	MinHeight = 24
)

// Model is the root model: a stack of screens under a title line, a message line, the
// help footer and the status bar, with the lock and quit dialogs in front when open.
type Model struct {
	c         *Context
	first     func(*Context) Screen // the login screen, shown at start and after logout
	stack     []Screen
	help      help.Model
	fullHelp  bool
	errText   string
	notice    string
	dialog    *dialog
	lastInput time.Time
	status    statusInfo
	req       int
	quitKey   key.Binding
	quitQ     key.Binding
}

// New returns the root model showing first(c).
func New(c *Context, first func(*Context) Screen) *Model {
	h := help.New()
	h.Styles = c.Styles.Help
	return &Model{
		c: c, first: first, stack: []Screen{first(c)}, help: h, lastInput: c.Clock(),
		quitKey: key.NewBinding(key.WithKeys("ctrl+c")),
		quitQ:   key.NewBinding(key.WithKeys("q")),
	}
}

// Context returns the shared context (for tests and the command line).
func (m *Model) Context() *Context { return m.c }

// Top is the screen on top of the stack.
func (m *Model) Top() Screen { return m.stack[len(m.stack)-1] }

// Depth is the number of screens on the stack.
func (m *Model) Depth() int { return len(m.stack) }

// Locked reports whether the lock dialog is up.
func (m *Model) Locked() bool { return m.dialog != nil && m.dialog.kind == lockDialog }

// Init starts the first screen and the status ticks.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(m.Top().Init(), loadStatus(m.c.Store, m.c.Sync), tick(m.c.Tick), waitScan(m.c.Scans))
}

func (m *Model) nextReq() int { m.req++; return m.req }

// Update routes a message: sizes and language changes to every screen, keys and
// results to the top screen only, shell messages to the shell.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.c.Width, m.c.Height = msg.Width, msg.Height
		m.help.Width = msg.Width
		m.resizeAll()
		return m, nil
	case tea.KeyMsg:
		cmd := m.key(msg)
		m.resizeAll() // help and screens change what the footer needs
		return m, cmd
	case PushMsg:
		m.stack = append(m.stack, msg.Screen)
		return m, m.start(msg.Screen)
	case PopMsg:
		if len(m.stack) > 1 {
			m.stack = m.stack[:len(m.stack)-1]
			m.resizeAll()
		}
		return m, nil
	case ReplaceMsg:
		m.stack = []Screen{msg.Screen}
		return m, m.start(msg.Screen)
	case ErrMsg:
		m.errText = m.c.ErrorText(msg.Err)
		m.c.Log.Error("operation failed", "op", msg.Op, "err", msg.Err)
		return m, nil
	case StatusMsg:
		m.notice = msg.Text
		return m, nil
	case tickMsg:
		var lock tea.Cmd
		if m.idle() {
			lock = m.lock("idle")
		}
		return m, tea.Batch(lock, loadStatus(m.c.Store, m.c.Sync), tick(m.c.Tick))
	case statusLoadedMsg:
		if msg.err != nil {
			m.c.Log.Warn("status refresh failed", "err", msg.err)
			return m, nil
		}
		m.status = statusInfo{pending: msg.pending, lastSync: msg.lastSync, bundle: msg.bundle, sync: msg.sync, hasSync: msg.hasSync}
		return m, nil
	case dialogAuthMsg:
		return m, m.answer(msg)
	case scanEventMsg:
		return m, m.scanEvent(msg)
	}
	return m, m.updateTop(msg)
}

func (m *Model) updateTop(msg tea.Msg) tea.Cmd {
	s, cmd := m.Top().Update(msg)
	m.stack[len(m.stack)-1] = s
	return cmd
}

// start sizes a new screen, then initialises it.
func (m *Model) start(s Screen) tea.Cmd {
	m.resizeAll()
	return s.Init()
}

// key handles the shell's own keys and passes the rest to the dialog or the top screen.
func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	if m.tooSmall() {
		return nil // nothing is visible to act on, not even the PIN being typed
	}
	m.errText, m.notice = "", ""
	m.lastInput = m.c.Clock()
	k := m.c.Keys
	if key.Matches(msg, k.Language) {
		return m.switchLanguage()
	}
	if m.dialog != nil {
		return m.dialogKey(msg)
	}
	top := m.Top()
	switch {
	case key.Matches(msg, m.quitKey), key.Matches(msg, m.quitQ) && !typing(top):
		m.openQuit()
		return nil
	case key.Matches(msg, k.Help) && (msg.String() != "?" || !typing(top)):
		m.fullHelp = !m.fullHelp
		return nil
	}
	if m.c.Session != nil {
		switch {
		case key.Matches(msg, k.Lock):
			return m.lock("key")
		case key.Matches(msg, k.Logout):
			return m.logout()
		case key.Matches(msg, k.SyncNow):
			return m.syncNow()
		}
	}
	return m.updateTop(msg)
}

func (m *Model) dialogKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case m.dialog.kind == quitDialog && key.Matches(msg, m.c.Keys.Back):
		m.dialog = nil
		return nil
	case m.dialog.kind == lockDialog && key.Matches(msg, m.c.Keys.Logout):
		return m.logout()
	}
	return m.dialog.update(m.c, msg, m.nextReq)
}

// answer applies a dialog's PIN check; a stale answer (the dialog was closed or
// reopened since) is dropped.
func (m *Model) answer(msg dialogAuthMsg) tea.Cmd {
	if m.dialog == nil || m.dialog.kind != msg.kind || m.dialog.req != msg.req {
		return nil
	}
	if msg.err != nil {
		m.c.Log.Error("PIN check failed", "err", msg.err)
	}
	if !m.dialog.answer(m.c, msg) {
		return nil
	}
	kind := m.dialog.kind
	m.dialog = nil
	if kind == quitDialog {
		return tea.Quit
	}
	m.lastInput = m.c.Clock()
	return nil
}

func (m *Model) openQuit() {
	if m.dialog == nil {
		m.dialog = newDialog(m.c, quitDialog, "")
	}
}

// idle reports whether the session has gone without a key for the idle-lock time.
func (m *Model) idle() bool {
	if m.c.Session == nil || m.Locked() {
		return false
	}
	limit := m.c.Config.IdleLock.D()
	if limit <= 0 {
		limit = 5 * time.Minute // a hand-edited config must not switch idle lock off
	}
	return m.c.Clock().Sub(m.lastInput) >= limit
}

// lock hides every screen behind the lock dialog and audits why.
func (m *Model) lock(why string) tea.Cmd {
	if m.c.Session == nil || m.Locked() {
		return nil
	}
	m.dialog = newDialog(m.c, lockDialog, m.c.Session.Staff.ID)
	return WriteAudit(m.c.Store, m.c.Entry("lock", m.c.StaffID(), domain.OutcomeOK, why))
}

// logout audits the end of the session and returns to the login screen.
func (m *Model) logout() tea.Cmd {
	if m.c.Session == nil {
		return nil
	}
	audit := WriteAudit(m.c.Store, m.c.Entry("logout", m.c.StaffID(), domain.OutcomeOK, ""))
	m.c.Session, m.dialog = nil, nil
	s := m.first(m.c)
	m.stack = []Screen{s}
	return tea.Batch(audit, m.start(s))
}

func (m *Model) syncNow() tea.Cmd {
	if m.c.Sync == nil {
		m.notice = m.c.Text.T("status.no_central")
		return nil
	}
	m.notice = m.c.Text.T("status.sync_requested")
	sync := m.c.Sync
	return func() tea.Msg { sync.SyncNow(); return nil }
}

// switchLanguage toggles zh/en, rebuilds the key map and tells every screen.
func (m *Model) switchLanguage() tea.Cmd {
	m.c.Text.Toggle()
	*m.c.Keys = *DefaultKeyMap(m.c.Text)
	if m.dialog != nil {
		m.dialog.note = ""
	}
	var cmds []tea.Cmd
	for i, s := range m.stack {
		var cmd tea.Cmd
		m.stack[i], cmd = s.Update(LanguageChangedMsg{})
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

package app

import (
	tea "github.com/charmbracelet/bubbletea"

	"context"
	"log/slog"
	"time"

	"onecard/assets"
	"onecard/config"
	"onecard/domain"
	"onecard/scanner"
	"onecard/store"
)

// Context is the one program context every screen gets (gh-dash's ProgramContext). Its
// fields are read and written only from Update and View; a Cmd copies what it needs
// (the Store, an audit entry) before it starts.
type Context struct {
	Store   *store.Store
	Config  config.Config
	DataDir string
	Clock   func() time.Time
	Session *Session // nil before login
	Styles  *Styles
	Keys    *KeyMap
	Text    *assets.Catalog // zh/en
	Width   int             // the whole terminal; screens get their content area through SetSize
	Height  int
	Log     *slog.Logger
	Sync    SyncStatus           // nil: no central configured, the kiosk is offline
	Tick    time.Duration        // how often the status bar refreshes and idle lock is checked
	Scans   <-chan scanner.Event // attached scanners, merged; nil when none
	Devices map[string]Device    // each scanner's last state, by source name
	Verify  Verifier             // checks scanned codes against the installed trust bundle
	Camera  Camera               // nil without a camera
}

// Session is the signed-in staff member.
type Session struct {
	Staff domain.Staff
	Since time.Time
}

// NewContext builds a context on an open store with the built-in catalogue and palette.
func NewContext(st *store.Store, cfg config.Config, dataDir string, clock func() time.Time, log *slog.Logger) *Context {
	text := assets.NewCatalog(assets.ParseLang(cfg.Language))
	return &Context{
		Store:   st,
		Config:  cfg,
		DataDir: dataDir,
		Clock:   clock,
		Styles:  NewStyles(assets.DefaultPalette()),
		Keys:    DefaultKeyMap(text),
		Text:    text,
		Log:     log,
		Tick:    time.Second,
		Devices: map[string]Device{},
	}
}

// Now is the clock in the terminal's time zone.
func (c *Context) Now() time.Time { return c.Clock().In(c.Config.Location()) }

// Today is the counter's calendar day.
func (c *Context) Today() domain.Date { return domain.DateOf(c.Now()) }

// StaffID is the signed-in staff member's id, or "".
func (c *Context) StaffID() string {
	if c.Session == nil {
		return ""
	}
	return c.Session.Staff.ID
}

// Entry builds an audit entry stamped with now, this terminal and the signed-in staff.
// Build it in Update and write it in a Cmd with WriteAudit.
func (c *Context) Entry(event, subject string, outcome domain.Outcome, detail string) domain.AuditEntry {
	return domain.AuditEntry{
		At: c.Clock(), Terminal: c.Config.TerminalID, StaffID: c.StaffID(),
		Event: event, Subject: subject, Outcome: outcome, Detail: detail,
	}
}

// auditTimeout bounds one audit write; the writer waits at most this long for a sync page.
const auditTimeout = 5 * time.Second

// WriteAudit returns a Cmd that appends e and reports nothing unless it fails.
func WriteAudit(st *store.Store, e domain.AuditEntry) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), auditTimeout)
		defer cancel()
		if _, err := st.Audit(ctx, e); err != nil {
			return ErrMsg{Op: "audit " + e.Event, Err: err}
		}
		return nil
	}
}

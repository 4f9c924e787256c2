package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"onecard/domain"
	"onecard/store"
)

// LastSyncKey is the sync_state key holding the time of the last completed sync (RFC 3339).
const LastSyncKey = "last_sync_at"

// tickMsg drives the status refresh and the idle-lock check.
type tickMsg struct{}

// statusLoadedMsg carries a status refresh read in a Cmd.
type statusLoadedMsg struct {
	pending  int
	lastSync time.Time
	bundle   time.Time // when the installed trust bundle was issued; zero: none
	sync     SyncState
	hasSync  bool
	err      error
}

// statusInfo is what the status bar shows besides the session.
type statusInfo struct {
	pending  int
	lastSync time.Time
	bundle   time.Time
	sync     SyncState
	hasSync  bool
}

func tick(d time.Duration) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return tickMsg{} })
}

// statusTimeout: a status read that takes longer is skipped; the next tick tries again.
const statusTimeout = 2 * time.Second

// loadStatus reads the outbox count, the last sync time and the sync client's state.
func loadStatus(st *store.Store, sync SyncStatus) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), statusTimeout)
		defer cancel()
		var m statusLoadedMsg
		if sync != nil {
			m.sync, m.hasSync = sync.Status(), true
		}
		n, err := st.CountPending(ctx)
		if err != nil {
			m.err = fmt.Errorf("count pending: %w", err)
			return m
		}
		m.pending = n
		switch b, err := st.TrustBundle(ctx); {
		case err == nil:
			m.bundle = b.IssuedAt
		case !errors.Is(err, store.ErrNotFound):
			m.err = fmt.Errorf("read trust bundle: %w", err)
			return m
		}
		v, err := st.State(ctx, LastSyncKey)
		if err != nil {
			m.err = fmt.Errorf("read %s: %w", LastSyncKey, err)
			return m
		}
		if v != "" {
			if m.lastSync, err = time.Parse(time.RFC3339, v); err != nil {
				m.err = fmt.Errorf("parse %s %q: %w", LastSyncKey, v, err)
			}
		}
		return m
	}
}

// statusBar renders the bottom line: terminal, staff and role, link, outbox, data age,
// time. When it does not fit, the reason for being offline goes first, then the role.
func (c *Context) statusBar(s statusInfo, width int) string {
	bar := c.Styles.Status.Bar
	staff, role := c.Text.T("status.no_staff"), ""
	if c.Session != nil {
		staff, role = c.Session.Staff.ID, " "+c.RoleText(c.Session.Staff.Role)
	}
	link, linkStyle, why := c.Text.T("status.offline"), c.Styles.Status.Offline, ""
	switch {
	case s.hasSync && s.sync.Online:
		link, linkStyle = c.Text.T("status.online"), c.Styles.Status.Online
	case !s.hasSync:
		why = c.Text.T("status.no_central_short")
	}
	// The trust bundle's age is always shown; amber once verification would answer
	// CANNOT_VERIFY for it: none, too old, or dated ahead of this terminal's clock.
	trust, trustStyle := c.Text.F("status.bundle_age", c.Age(s.bundle)), bar
	if age := c.Clock().Sub(s.bundle); s.bundle.IsZero() || age > c.Config.MaxBundleAge.D() || age < -c.Config.ClockSkew.D() {
		trustStyle = c.Styles.Status.Offline
	}
	mid := bar.Render(" │ "+c.Text.F("status.pending", s.pending)+" │ "+c.Text.F("status.data_age", c.Age(s.lastSync))+" │ ") +
		trustStyle.Render(trust)
	clock := " │ " + c.Now().Format("15:04") + " "
	for _, v := range []struct{ who, why string }{{staff + role, why}, {staff + role, ""}, {staff, ""}} {
		left := " " + c.Config.TerminalID + " │ " + v.who + " │ "
		l := bar.Render(left) + linkStyle.Render("● "+link+v.why) + mid + bar.Render(clock)
		if gap := width - lipgloss.Width(l); gap >= 0 || v.who == staff {
			return bar.Render(left) + linkStyle.Render("● "+link+v.why) + mid + bar.Render(strings.Repeat(" ", max(gap, 0))+clock)
		}
	}
	return ""
}

// Age says how old something dated t is (the local data, the trust bundle), "never"
// for the zero time.
func (c *Context) Age(t time.Time) string {
	if t.IsZero() {
		return c.Text.T("age.never")
	}
	d := c.Clock().Sub(t)
	switch {
	case d < time.Minute:
		return c.Text.T("age.now")
	case d < time.Hour:
		return c.Text.F("age.minutes", int(d/time.Minute))
	case d < 48*time.Hour:
		return c.Text.F("age.hours", int(d/time.Hour))
	}
	return c.Text.F("age.days", int(d/(24*time.Hour)))
}

// RoleText names a role in the current language.
func (c *Context) RoleText(r domain.Role) string { return c.Text.T("role." + string(r)) }

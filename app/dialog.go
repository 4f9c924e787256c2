package app

import (
	"context"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"onecard/domain"
)

// dialogKind: the two shell dialogs that stand in front of every screen.
type dialogKind int

const (
	lockDialog dialogKind = iota + 1 // the session is locked: its staff or a supervisor unlocks
	quitDialog                       // leaving the kiosk needs a supervisor
)

// dialog asks for a staff ID and PIN in front of the screens.
type dialog struct {
	kind dialogKind
	form PINForm
	req  int
	busy bool
	note string // outcome of the last try, already in the current language
	bad  bool
}

// dialogAuthMsg answers a dialog's PIN check.
type dialogAuthMsg struct {
	req    int
	kind   dialogKind
	result AuthResult
	err    error
}

// authTimeout bounds one PIN check including its audit write.
const authTimeout = 10 * time.Second

func newDialog(c *Context, kind dialogKind, staffID string) *dialog {
	return &dialog{kind: kind, form: NewPINForm(c, staffID)}
}

// submit starts the PIN check for the dialog's purpose.
func (d *dialog) submit(c *Context, req int) tea.Cmd {
	id, pinText := d.form.Values()
	d.req, d.busy, d.note = req, true, c.Text.T("auth.checking")
	r := c.AuthRequest("quit", id, pinText)
	r.Allow = func(s domain.Staff) bool { return s.Role == domain.RoleSupervisor }
	if d.kind == lockDialog {
		owner := c.StaffID()
		r.Event, r.Subject = "unlock", owner
		r.Allow = func(s domain.Staff) bool { return s.ID == owner || s.Role == domain.RoleSupervisor }
	}
	st, kind := c.Store, d.kind
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), authTimeout)
		defer cancel()
		res, err := Authenticate(ctx, st, r)
		return dialogAuthMsg{req: req, kind: kind, result: res, err: err}
	}
}

// update handles a key in the dialog; it returns the Cmd to run, if any.
func (d *dialog) update(c *Context, msg tea.KeyMsg, nextReq func() int) tea.Cmd {
	if d.busy {
		return nil
	}
	submitted, cmd := d.form.Update(msg)
	if submitted {
		return d.submit(c, nextReq())
	}
	return cmd
}

// answer applies a PIN check result; ok means the dialog's purpose is granted.
func (d *dialog) answer(c *Context, m dialogAuthMsg) (ok bool) {
	d.busy = false
	if m.err != nil {
		d.note, d.bad = c.ErrorText(m.err), true
		d.form.ClearPIN()
		return false
	}
	if m.result.Outcome == AuthOK {
		return true
	}
	d.note, d.bad = AuthText(c, m.result), true
	d.form.ClearPIN()
	return false
}

// AuthText explains a failed PIN check in the current language.
func AuthText(c *Context, r AuthResult) string {
	switch r.Outcome {
	case AuthLockedOut:
		until := r.LockedUntil.In(c.Config.Location()).Format("15:04")
		if r.Tripped {
			return c.Text.F("auth.locked_out", until)
		}
		return c.Text.F("auth.locked", until)
	case AuthNotPermitted:
		return c.Text.T("auth.not_permitted")
	case AuthBadFormat:
		return c.Text.F("auth.bad_format", c.Config.PINRules.MinLength, c.Config.PINRules.MaxLength)
	case AuthWrongPIN:
		if r.Left > 0 {
			return c.Text.F("auth.wrong_left", r.Left)
		}
		return c.Text.T("auth.wrong")
	}
	return ""
}

func (d *dialog) view(c *Context, width int) string {
	title, hint := c.Text.T("lock.title"), c.Text.T("lock.hint")
	if d.kind == quitDialog {
		title, hint = c.Text.T("quit.title"), c.Text.T("quit.hint")
	} else if c.Session != nil {
		hint = c.Text.F("lock.hint_staff", c.Session.Staff.ID, c.Session.Staff.Name)
	}
	note := ""
	if d.note != "" {
		st := c.Styles.Notice
		if d.bad {
			st = c.Styles.Error
		}
		note = st.Render(d.note)
	}
	body := lipgloss.JoinVertical(lipgloss.Left, c.Styles.Strong.Render(title), "", hint, "", d.form.View(), "", note)
	return c.Styles.Dialog.Width(min(width-4, 64)).Render(body)
}

// keys are the dialog's help bindings.
func (d *dialog) keys(c *Context) []key.Binding {
	out := []key.Binding{c.Keys.NextField, c.Keys.Confirm}
	if d.kind == quitDialog {
		out = append(out, c.Keys.Back)
	} else {
		out = append(out, c.Keys.Logout)
	}
	return out
}

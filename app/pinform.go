package app

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// PINForm is the staff ID and PIN pair that login, unlock and quit all ask for.
type PINForm struct {
	c     *Context
	id    textinput.Model
	pin   textinput.Model
	focus int // 0 staff ID, 1 PIN
}

// NewPINForm returns a form; a non-empty staffID is filled in and the PIN focused.
func NewPINForm(c *Context, staffID string) PINForm {
	id := textinput.New()
	id.Prompt, id.CharLimit, id.Width = "", 16, 16
	id.SetValue(staffID)
	p := textinput.New()
	p.Prompt, p.CharLimit, p.Width = "", 32, 16
	p.EchoMode, p.EchoCharacter = textinput.EchoPassword, '•'
	// A steady cursor: a blinking one redraws the kiosk twice a second for nothing.
	id.Cursor.SetMode(cursor.CursorStatic)
	p.Cursor.SetMode(cursor.CursorStatic)
	f := PINForm{c: c, id: id, pin: p}
	if staffID != "" {
		f.focus = 1
	}
	f.applyFocus()
	return f
}

func (f *PINForm) applyFocus() {
	if f.focus == 0 {
		f.id.Focus()
		f.pin.Blur()
	} else {
		f.pin.Focus()
		f.id.Blur()
	}
}

// Update handles a key; submitted is true when Enter was pressed on a complete form.
func (f *PINForm) Update(msg tea.KeyMsg) (submitted bool, cmd tea.Cmd) {
	k := f.c.Keys
	switch {
	case key.Matches(msg, k.NextField), key.Matches(msg, k.PrevField), key.Matches(msg, k.Up), key.Matches(msg, k.Down):
		f.focus = 1 - f.focus
		f.applyFocus()
		return false, nil
	case key.Matches(msg, k.Confirm):
		id, pin := f.Values()
		if id == "" || f.focus == 0 && pin == "" {
			f.focus = 1
			f.applyFocus()
			return false, nil
		}
		return pin != "", nil
	}
	if f.focus == 0 {
		f.id, cmd = f.id.Update(msg)
		f.id.SetValue(strings.ToUpper(f.id.Value()))
	} else {
		f.pin, cmd = f.pin.Update(msg)
	}
	return false, cmd
}

// Values returns the staff ID (trimmed, upper case) and the PIN.
func (f PINForm) Values() (id, pin string) {
	return strings.ToUpper(strings.TrimSpace(f.id.Value())), f.pin.Value()
}

// ClearPIN empties the PIN after a failed try and focuses it again.
func (f *PINForm) ClearPIN() {
	f.pin.Reset()
	f.focus = 1
	f.applyFocus()
}

// Typing reports whether the staff ID field (free text) has the focus.
func (f PINForm) Typing() bool { return f.focus == 0 }

// View draws the two labelled fields, labels padded to the wider one so that Chinese
// and English line up alike.
func (f PINForm) View() string {
	st := f.c.Styles.Form
	labels := []string{f.c.Text.T("form.staff_id"), f.c.Text.T("form.pin")}
	w := max(lipgloss.Width(labels[0]), lipgloss.Width(labels[1]))
	rows := make([]string, 2)
	for i, in := range []textinput.Model{f.id, f.pin} {
		ls := st.Label
		if i == f.focus {
			ls = st.FocusedLabel
		}
		rows[i] = ls.Width(w).Render(labels[i]) + "  " + in.View()
	}
	return lipgloss.JoinVertical(lipgloss.Left, rows...)
}

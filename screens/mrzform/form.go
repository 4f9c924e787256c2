// Package mrzform is the passport step shared by real-name authentication and
// residence-permit verification: a form that collects the machine-readable zone from a
// document reader, a keyboard-wedge burst or typing, and the review of the parsed zone
// against a person's record, field by field, with the photo check staff make by eye.
package mrzform

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"onecard/app"
)

// td1Width is the line length of a TD1 card, the only format with three lines; TD2
// and TD3 have two.
const td1Width = 30

// Form collects the lines of one MRZ. A document reader may send each line as its own
// code or all of them in one, separated by CR or LF; a keyboard-wedge reader or staff
// typing end each line with Enter. The form is complete when it holds as many lines as
// the first line's format has.
type Form struct {
	c     *app.Context
	field app.ScanField
	lines []string
}

// New returns an empty, focused form.
func New(c *app.Context) *Form {
	f := &Form{c: c, field: app.NewScanField(c)}
	f.field.Input.CharLimit = 64
	f.field.Input.Cursor.SetMode(cursor.CursorStatic)
	return f
}

// Reset empties the form for another document.
func (f *Form) Reset() {
	f.lines = nil
	f.field.Input.SetValue("")
}

// Lines returns the lines collected so far.
func (f *Form) Lines() []string { return f.lines }

// SetWidth fits the input field to the content width.
func (f *Form) SetWidth(w int) { f.field.Input.Width = max(min(w-6, 46), 10) }

// Update takes a key or a reader's ScanMsg. When the MRZ is complete it returns the
// lines joined by newlines, and done; the form then starts empty again.
func (f *Form) Update(msg tea.Msg) (cmd tea.Cmd, text string, done bool) {
	switch msg := msg.(type) {
	case app.ScanMsg:
		f.add(msg.Payload)
	case tea.KeyMsg:
		var line string
		var entered bool
		cmd, line, entered, _ = f.field.Update(f.c, msg)
		if !entered {
			return cmd, "", false
		}
		f.add(line)
	default:
		return nil, "", false
	}
	if len(f.lines) == 0 || len(f.lines) < f.needed() {
		return cmd, "", false
	}
	text = strings.Join(f.lines, "\n")
	f.lines = nil
	return cmd, text, true
}

// add appends every non-blank line of s.
func (f *Form) add(s string) {
	for _, l := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }) {
		if l = strings.TrimSpace(l); l != "" {
			f.lines = append(f.lines, l)
		}
	}
}

// needed is how many lines the document has, judged by its first line.
func (f *Form) needed() int {
	if len(f.lines) > 0 && len(f.lines[0]) == td1Width {
		return 3
	}
	return 2
}

// Typing: the field takes free text (the MRZ filler '<' and any letter).
func (f *Form) Typing() bool { return true }

// View shows the lines read so far and the field for the next one.
func (f *Form) View() string {
	st, t := f.c.Styles, f.c.Text
	rows := []string{st.Strong.Render(t.T("mrz.prompt")), st.Muted.Render(t.T("mrz.hint")), ""}
	for i, l := range f.lines {
		rows = append(rows, st.Label.Render(t.F("mrz.line", i+1))+"  "+l)
	}
	rows = append(rows, st.Form.FocusedLabel.Render(t.F("mrz.line", len(f.lines)+1))+"  "+f.field.Input.View())
	return lipgloss.JoinVertical(lipgloss.Left, rows...)
}

package record

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"onecard/app"
)

// Masked fields a counter can reveal.
const (
	FieldPassport  = "passport"
	FieldSSN       = "ssn"
	FieldPRID      = "pr_id"
	FieldBirthDate = "birth_date"
)

// reasons a reveal can give; "other" asks for the reason in words.
var reasonIDs = []string{"holder_request", "document_check", "record_correction", "other"}

// revealDialog asks which field to reveal and why: first the field, then the reason.
type revealDialog struct {
	fields []string
	field  string // chosen; "" while choosing
	cursor int
	other  textinput.Model
	typing bool // the "other" reason is being typed
}

func newReveal(fields []string) *revealDialog {
	in := textinput.New()
	in.Prompt, in.CharLimit, in.Width = "› ", 80, 40
	in.Cursor.SetMode(cursor.CursorStatic)
	return &revealDialog{fields: fields, other: in}
}

// update handles a key; done carries the chosen field and reason once complete,
// cancel is true when the dialog should close without revealing.
func (d *revealDialog) update(c *app.Context, msg tea.KeyMsg) (field, reason string, cancel bool) {
	k := c.Keys
	if d.typing {
		switch {
		case key.Matches(msg, k.Back):
			d.typing = false
			d.other.Blur()
		case key.Matches(msg, k.Confirm):
			if text := strings.TrimSpace(d.other.Value()); text != "" {
				return d.field, "other: " + text, false
			}
		default:
			d.other, _ = d.other.Update(msg)
		}
		return "", "", false
	}
	n := len(reasonIDs)
	if d.field == "" {
		n = len(d.fields)
	}
	switch {
	case key.Matches(msg, k.Back):
		if d.field != "" {
			d.field, d.cursor = "", 0
			return "", "", false
		}
		return "", "", true
	case key.Matches(msg, k.Up):
		d.cursor = max(d.cursor-1, 0)
	case key.Matches(msg, k.Down):
		d.cursor = min(d.cursor+1, n-1)
	case key.Matches(msg, k.Confirm):
		return d.choose(d.cursor)
	default:
		var i int
		if _, err := fmt.Sscanf(msg.String(), "%d", &i); err == nil && i >= 1 && i <= n {
			return d.choose(i - 1)
		}
	}
	return "", "", false
}

func (d *revealDialog) choose(i int) (field, reason string, cancel bool) {
	if d.field == "" {
		d.field, d.cursor = d.fields[i], 0
		return "", "", false
	}
	if reasonIDs[i] == "other" {
		d.typing = true
		d.other.Focus()
		return "", "", false
	}
	return d.field, reasonIDs[i], false
}

func (d *revealDialog) view(c *app.Context, width int) string {
	st := c.Styles
	title, ids, prefix := c.Text.T("reveal.choose_field"), d.fields, "field."
	if d.field != "" {
		title, ids, prefix = c.Text.F("reveal.choose_reason", c.Text.T("field."+d.field)), reasonIDs, "reason."
	}
	rows := []string{st.Strong.Render(title), ""}
	for i, id := range ids {
		line := fmt.Sprintf("%d  %s", i+1, c.Text.T(prefix+id))
		if i == d.cursor && !d.typing {
			rows = append(rows, st.Menu.Selected.Render(line))
		} else {
			rows = append(rows, st.Menu.Item.Render(line))
		}
	}
	if d.typing {
		rows = append(rows, "", c.Text.T("reveal.type_reason"), d.other.View())
	}
	rows = append(rows, "", st.Muted.Render(c.Text.T("reveal.audited")))
	return st.Dialog.Width(min(width-4, 60)).Render(lipgloss.JoinVertical(lipgloss.Left, rows...))
}

package audit

import (
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/lipgloss"

	"onecard/app"
	"onecard/domain"
	"onecard/store"
)

// filterFields in form order; each has a catalogue label "audit.filter.<name>".
var filterFields = []string{"staff", "event", "subject", "from", "until"}

// filterForm edits the audit filter.
type filterForm struct {
	inputs []textinput.Model
	focus  int
}

func newFilterForm(f store.AuditFilter, loc *time.Location) *filterForm {
	values := []string{f.StaffID, f.Event, f.Subject, dateText(f.From, loc, 0), dateText(f.Until, loc, -1)}
	form := &filterForm{}
	for i, v := range values {
		in := textinput.New()
		in.Prompt, in.CharLimit, in.Width = "", 40, 30
		in.Cursor.SetMode(cursor.CursorStatic)
		in.SetValue(v)
		if i == 0 {
			in.Focus()
		}
		form.inputs = append(form.inputs, in)
	}
	return form
}

// dateText shows a filter bound as a day; until is stored as the next midnight.
func dateText(t time.Time, loc *time.Location, shift int) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).AddDate(0, 0, shift).Format("2006-01-02")
}

func (f *filterForm) move(d int) {
	f.inputs[f.focus].Blur()
	f.focus = (f.focus + d + len(f.inputs)) % len(f.inputs)
	f.inputs[f.focus].Focus()
}

// filter reads the form; a bad date names its field.
func (f *filterForm) filter(loc *time.Location) (store.AuditFilter, string) {
	v := func(i int) string { return strings.TrimSpace(f.inputs[i].Value()) }
	out := store.AuditFilter{StaffID: strings.ToUpper(v(0)), Event: v(1), Subject: v(2)}
	for i, dst := range []*time.Time{&out.From, &out.Until} {
		s := v(3 + i)
		if s == "" {
			continue
		}
		d, err := domain.ParseDate(s)
		if err != nil {
			return out, filterFields[3+i]
		}
		day := time.Date(d.Time().Year(), d.Time().Month(), d.Time().Day(), 0, 0, 0, 0, loc)
		if i == 1 {
			day = day.AddDate(0, 0, 1) // "until" includes the whole day
		}
		*dst = day
	}
	return out, ""
}

func (f *filterForm) view(c *app.Context, width int) string {
	st := c.Styles
	w := 0
	for _, name := range filterFields {
		w = max(w, lipgloss.Width(c.Text.T("audit.filter."+name)))
	}
	rows := []string{st.Strong.Render(c.Text.T("audit.filter.title")), ""}
	for i, name := range filterFields {
		ls := st.Form.Label
		if i == f.focus {
			ls = st.Form.FocusedLabel
		}
		rows = append(rows, ls.Width(w).Render(c.Text.T("audit.filter."+name))+"  "+f.inputs[i].View())
	}
	rows = append(rows, "", st.Form.Hint.Render(c.Text.T("audit.filter.hint")))
	return st.Dialog.Width(min(width-4, 64)).Render(lipgloss.JoinVertical(lipgloss.Left, rows...))
}

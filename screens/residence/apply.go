package residence

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"onecard/app"
	"onecard/domain"
	rules "onecard/residence"
)

// Rows of the application form before the document checklist.
const (
	rowEntry = iota
	rowVisa
	rowKind
	rowDocs // the first document
)

// applyForm is the application: entry date, visa type, first application or renewal,
// and which of the policy's documents were presented.
type applyForm struct {
	entry     textinput.Model
	visa      textinput.Model
	first     bool
	presented map[string]bool
	focus     int
}

func newApplyForm(c *app.Context, p rules.Policy) applyForm {
	text := func(limit int, value string) textinput.Model {
		in := textinput.New()
		in.Prompt, in.CharLimit, in.Width = "", limit, limit
		in.Cursor.SetMode(cursor.CursorStatic)
		in.SetValue(value)
		return in
	}
	f := applyForm{entry: text(10, ""), visa: text(2, "Z"), first: true, presented: map[string]bool{}}
	f.entry.Placeholder = "YYYY-MM-DD"
	f.entry.Focus()
	return f
}

// documents are the ones asked for in this kind of application.
func (f *applyForm) documents(p rules.Policy) []rules.Document { return p.Required(f.first) }

func (f *applyForm) rows(p rules.Policy) int { return rowDocs + len(f.documents(p)) }

// typing: the two text rows take free text.
func (f *applyForm) typing() bool { return f.focus == rowEntry || f.focus == rowVisa }

func (f *applyForm) toggleKey(c *app.Context) key.Binding {
	return c.Binding("space", "key.toggle", " ", "space")
}

func (f *applyForm) update(c *app.Context, p rules.Policy, msg tea.KeyMsg) tea.Cmd {
	k := c.Keys
	switch {
	case key.Matches(msg, k.Up), key.Matches(msg, k.PrevField):
		f.move(-1, p)
		return nil
	case key.Matches(msg, k.Down), key.Matches(msg, k.NextField):
		f.move(1, p)
		return nil
	}
	var cmd tea.Cmd
	switch {
	case f.focus == rowEntry:
		f.entry, cmd = f.entry.Update(msg)
	case f.focus == rowVisa:
		f.visa, cmd = f.visa.Update(msg)
		f.visa.SetValue(strings.ToUpper(f.visa.Value()))
	case key.Matches(msg, f.toggleKey(c)) && f.focus == rowKind:
		f.first = !f.first
	case key.Matches(msg, f.toggleKey(c)):
		id := f.documents(p)[f.focus-rowDocs].ID
		f.presented[id] = !f.presented[id]
	}
	return cmd
}

func (f *applyForm) move(d int, p rules.Policy) {
	f.focus = (f.focus + d + f.rows(p)) % f.rows(p)
	f.entry.Blur()
	f.visa.Blur()
	switch f.focus {
	case rowEntry:
		f.entry.Focus()
	case rowVisa:
		f.visa.Focus()
	}
}

// entryDate reads the typed entry date; empty is "not recorded", which the policy
// refers to an officer.
func (f *applyForm) entryDate() (domain.Date, error) {
	s := strings.TrimSpace(f.entry.Value())
	if s == "" {
		return 0, nil
	}
	return domain.ParseDate(s)
}

// presentedIDs lists the documents ticked that this kind of application asks for.
func (f *applyForm) presentedIDs(p rules.Policy) []string {
	var out []string
	for _, d := range f.documents(p) {
		if f.presented[d.ID] {
			out = append(out, d.ID)
		}
	}
	return out
}

// view draws the form with the focused row marked.
func (f *applyForm) view(c *app.Context, p rules.Policy) string {
	st, t := c.Styles, c.Text
	label := func(row int, text string) string {
		if row == f.focus {
			return st.Form.FocusedLabel.Render("› " + text)
		}
		return st.Form.Label.Render("  " + text)
	}
	kind := t.T("residence.first")
	if !f.first {
		kind = t.T("residence.renewal")
	}
	lines := []string{
		st.Section.Render(t.T("residence.application")),
		label(rowEntry, t.T("residence.entry_date")) + "  " + f.entry.View(),
		label(rowVisa, t.T("residence.visa_type")) + "  " + f.visa.View(),
		label(rowKind, t.T("residence.kind")) + "  " + kind,
		"",
		st.Section.Render(t.T("residence.documents")),
	}
	for i, d := range f.documents(p) {
		box := "[ ]"
		if f.presented[d.ID] {
			box = "[x]"
		}
		name := d.Label.ZH
		if t.Lang() == "en" {
			name = d.Label.EN
		}
		lines = append(lines, label(rowDocs+i, box+" "+name))
	}
	return strings.Join(lines, "\n")
}

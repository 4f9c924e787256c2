package realname

import (
	"strings"

	"github.com/charmbracelet/lipgloss"

	"onecard/app"
	"onecard/identity"
	"onecard/screens/mrzform"
)

func (m *Model) View() string {
	st, t := m.c.Styles, m.c.Text
	var parts []string
	if m.rec != nil {
		parts = append(parts, m.personLine(), "")
	}
	switch m.step {
	case stepRead:
		parts = append(parts, m.form.View())
	case stepChecking:
		parts = append(parts, st.Muted.Render(t.T("realname.checking")))
	case stepReview, stepSaving:
		parts = append(parts, m.reviewView())
	case stepDone:
		parts = append(parts, m.banner(), "", m.doneNote(), "", m.review.View(m.c))
	}
	return strings.Join(parts, "\n")
}

// personLine names who is being authenticated, with the e-SSC state before the check.
func (m *Model) personLine() string {
	st, t, p := m.c.Styles, m.c.Text, m.rec.Person
	line := st.Strong.Render(p.FullName()) + "  " + p.Nationality
	if p.ChineseName != "" {
		line += "  " + p.ChineseName
	}
	state := t.T("essc.none")
	if m.rec.ESSC != nil {
		state = m.c.RealNameText(m.rec.ESSC.RealName)
	}
	return line + "   " + st.Label.Render(t.T("label.realname")) + " " + state
}

func (m *Model) reviewView() string {
	st, t := m.c.Styles, m.c.Text
	if m.rec == nil {
		out := []string{st.Level.Bad.Render(t.F("realname.not_found", app.Mask(m.search)))}
		if !m.review.MRZ.Valid {
			out = append(out, "", st.Level.Bad.Render(t.T("mrz.invalid")))
			for _, p := range mrzform.ProblemTexts(m.c, m.review.MRZ) {
				out = append(out, "  · "+p)
			}
		}
		return strings.Join(append(out, "", st.Muted.Render(t.T("realname.read_again"))), "\n")
	}
	o := m.review.Outcome()
	result := st.Label.Render(t.T("realname.result")) + "  " + mrzform.OutcomeStyle(m.c, o).Render(m.outcomeText(o))
	hint := t.T("realname.confirm_hint")
	if m.review.Cmp.Outcome == identity.Authenticated && !m.review.Decided() {
		hint = t.T("realname.photo_hint")
	}
	return strings.Join([]string{m.review.View(m.c), "", result, st.Muted.Render(hint)}, "\n")
}

// outcomeText names the outcome, with the fields that did not match.
func (m *Model) outcomeText(o identity.AuthOutcome) string {
	text := mrzform.OutcomeText(m.c, o)
	if o != identity.AuthMismatch {
		return text
	}
	var names []string
	for _, f := range m.review.Mismatched() {
		names = append(names, m.c.Text.T("mrz.field."+f))
	}
	return text + m.c.Text.F("realname.fields", strings.Join(names, m.c.Text.T("realname.list_sep")))
}

// banner is the recorded verdict across the width.
func (m *Model) banner() string {
	o := m.saved.outcome
	style := m.c.Styles.Banner.Bad
	switch o {
	case identity.Authenticated:
		style = m.c.Styles.Banner.OK
	case identity.DocumentExpired:
		style = m.c.Styles.Banner.Warn
	}
	return style.Width(max(m.width, 20)).Render(m.outcomeText(o))
}

// doneNote says what was recorded and where it goes.
func (m *Model) doneNote() string {
	t := m.c.Text
	note := t.T("realname.recorded")
	switch {
	case m.saved.essc:
		note += " " + t.T("realname.essc_set")
	case m.saved.outcome == identity.Authenticated:
		note += " " + t.T("realname.no_essc")
	}
	return lipgloss.NewStyle().Width(max(m.width, 20)).Render(note)
}

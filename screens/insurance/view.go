package insurance

import (
	"strings"

	"github.com/charmbracelet/lipgloss"

	"onecard/domain"
	rules "onecard/insurance"
)

func (m *Model) View() string {
	t, st := m.c.Text, m.c.Styles
	var out []string
	if m.step == stepFind || m.found == nil {
		out = append(out, t.T("ins.find"), m.picker.View())
		if m.note != "" {
			out = append(out, "", st.Error.Render(m.note))
		}
		return strings.Join(out, "\n")
	}
	f, d := m.found, m.decision
	p := f.Rec.Person
	row := func(label, value string) {
		out = append(out, "  "+st.Label.Width(m.labelWidth()).Render(label)+"  "+value)
	}
	row(t.T("label.name"), p.FullName()+"   "+p.Nationality)
	row(t.T("ins.via"), t.T("ins.via."+f.Via))
	if w := f.Permit; w != nil {
		state, style := m.c.PermitState(*w)
		row(t.T("label.permit"), w.Number+"   "+style.Render(state))
		row(t.T("label.employer"), w.EmployerName+"   "+w.EmployerUSCC)
		row(t.T("ins.deadline"), t.F("ins.deadline_value", w.ValidFrom.String(), w.ValidFrom.AddDays(domain.RegistrationDeadlineDays).String()))
	}
	if d.Accepted && d.Late {
		row("", st.Level.Warn.Render(t.F("ins.late", d.DaysAfter)))
	}
	registrant := t.T("registrant.employer")
	if m.self {
		registrant = t.T("registrant.self")
	}
	row(t.T("ins.registrant"), registrant)
	if !m.self {
		row(t.T("ins.uscc"), m.uscc.View())
	}
	row(t.T("ins.exempt"), m.exemptText())
	row(t.T("ins.agreements"), m.listText())
	if src := m.personAgreement(); src != "" {
		row("", src)
	}
	out = append(out, "")
	switch {
	case m.step == stepDone:
		out = append(out, st.Level.OK.Render(t.F("ins.saved", m.saved)), t.T("ins.saved_note"))
	case !d.Accepted:
		out = append(out, st.Level.Bad.Render(t.T("ins.refused")), m.reason(d.Reason))
	case m.step == stepConfirm:
		out = append(out, st.Strong.Render(t.T("ins.confirm")))
	default:
		out = append(out, st.Level.OK.Render(t.T("ins.may_register")))
	}
	return lipgloss.NewStyle().Width(max(m.width, 20)).Render(strings.Join(out, "\n"))
}

func (m *Model) labelWidth() int {
	w := 0
	for _, id := range []string{"label.name", "ins.via", "label.permit", "label.employer", "ins.deadline", "ins.registrant", "ins.uscc", "ins.exempt", "ins.agreements"} {
		w = max(w, lipgloss.Width(m.c.Text.T(id)))
	}
	return w
}

// reason is the refusal in the counter's language, as the clerk reads it out.
func (m *Model) reason(r rules.Reason) string { return rules.Message(r, string(m.c.Text.Lang())) }

// exemptText names the insurances the person's agreement covers and whether they are
// asked for.
func (m *Model) exemptText() string {
	t := m.c.Text
	covered := m.agreements.Exemptions(m.found.Rec.Person.Nationality, m.c.Today())
	if len(covered) == 0 {
		return t.T("ins.exempt_none")
	}
	names := make([]string, len(covered))
	for i, k := range covered {
		names[i] = t.T("ins.kind." + k)
	}
	state := t.T("ins.exempt_not_asked")
	if m.exempt {
		state = t.T("ins.exempt_asked")
	}
	return strings.Join(names, t.T("ins.list_sep")) + "   " + state
}

// listText says where the agreement list comes from and how current it is.
func (m *Model) listText() string {
	t := m.c.Text
	from := t.T("ins.list_builtin")
	if m.synced {
		from = t.T("ins.list_synced")
	}
	return t.F("ins.list", from, m.agreements.AsOf.String())
}

// personAgreement is the person's own agreement with its source, or "".
func (m *Model) personAgreement() string {
	for _, a := range m.agreements.Agreements {
		if a.Country == m.found.Rec.Person.Nationality {
			return m.c.Text.F("ins.list_source", a.Country, a.InForce.String(), a.Source)
		}
	}
	return ""
}

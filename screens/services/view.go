package services

import (
	"strings"

	"github.com/charmbracelet/lipgloss"

	"onecard/app"
)

func (m *Model) View() string {
	t, st := m.c.Text, m.c.Styles
	if m.rec == nil {
		out := []string{t.T("svc.find"), m.picker.View()}
		if m.note != "" {
			out = append(out, "", st.Error.Render(m.note))
		}
		return strings.Join(out, "\n")
	}
	rec := *m.rec
	var out []string
	w := 0
	for _, id := range []string{"label.name", "label.permit", "label.essc", "label.ssn", "label.registration", "label.card", "label.decision"} {
		w = max(w, lipgloss.Width(t.T(id)))
	}
	row := func(label, value string) { out = append(out, "  "+st.Label.Width(w).Render(label)+"  "+value) }
	row(t.T("label.name"), rec.Person.FullName()+"   "+rec.Person.Nationality)
	if p := rec.CurrentPermit(); p != nil {
		state, style := m.c.PermitState(*p)
		row(t.T("label.permit"), p.Number+"   "+style.Render(state)+"   "+p.ValidFrom.String()+" – "+p.ValidUntil.String())
	} else {
		row(t.T("label.permit"), t.T("record.none"))
	}
	ssn := t.T("cards.no_ssn")
	switch e := rec.ESSC; {
	case e == nil:
		row(t.T("label.essc"), t.T("essc.none"))
	default:
		row(t.T("label.essc"), m.c.RealNameText(e.RealName))
		if e.SSN != "" {
			ssn = app.Mask(e.SSN)
		}
	}
	row(t.T("label.ssn"), ssn)
	if len(rec.Registrations) == 0 {
		row(t.T("label.registration"), t.T("record.none"))
	}
	for _, r := range rec.Registrations {
		v := r.ID + "   " + r.RegisteredOn.String() + "   " + t.T("registration."+string(r.Status))
		if why, ok := m.refused[r.ID]; ok {
			v += "   " + st.Level.Bad.Render(t.F("svc.refused", why))
		}
		row(t.T("label.registration"), v)
	}
	if c := rec.Card; c != nil {
		row(t.T("label.card"), m.c.CardStateStyle(c.State).Render(m.c.CardStateText(c.State))+"   "+c.BankBranch)
	} else {
		row(t.T("label.card"), t.T("card.none"))
	}
	if len(rec.Verifications) == 0 {
		row(t.T("label.decision"), t.T("record.none"))
	}
	for _, v := range rec.Verifications {
		row(t.T("label.decision"), v.DecidedAt.In(m.c.Config.Location()).Format("2006-01-02")+"   "+t.T("decision."+string(v.Decision)))
	}
	out = append(out, "", st.Section.Render(t.T("record.notifications")))
	if len(rec.Notifications) == 0 {
		out = append(out, "  "+t.T("record.none"))
	}
	for _, n := range rec.Notifications {
		text := n.TextZH
		if t.Lang() == "en" {
			text = n.TextEN
		}
		out = append(out, "  "+n.CreatedAt.In(m.c.Config.Location()).Format("2006-01-02")+"  "+text)
	}
	if m.note != "" {
		style := st.Notice
		if m.noteBad {
			style = st.Error
		}
		out = append(out, "", style.Render(m.note))
	}
	return lipgloss.NewStyle().Width(max(m.width, 20)).Render(strings.Join(out, "\n"))
}

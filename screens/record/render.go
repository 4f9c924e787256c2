package record

import (
	"strings"

	"github.com/charmbracelet/lipgloss"

	"onecard/app"
	"onecard/domain"
)

// ssn is the person's SSN from the e-SSC or, failing that, the physical card.
func (m *Model) ssn() string {
	if e := m.rec.ESSC; e != nil && e.SSN != "" {
		return e.SSN
	}
	if c := m.rec.Card; c != nil {
		return c.SSN
	}
	return ""
}

// shown is value masked unless field was revealed.
func (m *Model) shown(field, value string) string {
	if value == "" {
		return m.c.Text.T("record.none")
	}
	if m.revealed[field] {
		return value
	}
	return app.Mask(value)
}

// section is a heading with label/value rows whose labels line up in display columns.
type section struct {
	title string
	rows  [][2]string
}

func (s *section) add(label, value string) { s.rows = append(s.rows, [2]string{label, value}) }

func (m *Model) renderSections(secs []section) string {
	st := m.c.Styles
	w := 0
	for _, s := range secs {
		for _, r := range s.rows {
			w = max(w, lipgloss.Width(r[0]))
		}
	}
	var out []string
	// Long values (employer names, the legacy-permit note) wrap under themselves.
	value := lipgloss.NewStyle().Width(max(m.width-w-4, 20))
	for _, s := range secs {
		out = append(out, st.Section.Render(s.title))
		for _, r := range s.rows {
			out = append(out, lipgloss.JoinHorizontal(lipgloss.Top, "  "+st.Label.Width(w).Render(r[0])+"  ", value.Render(r[1])))
		}
		out = append(out, "")
	}
	return strings.Join(out, "\n")
}

func (m *Model) render() string {
	t := m.c.Text
	return m.renderSections([]section{
		m.personSection(), m.permitSection(), m.esscSection(), m.insuranceSection(),
		m.cardSection(), m.verificationSection(), m.notificationSection(),
	}) + m.c.Styles.Muted.Render(t.T("record.masked_note"))
}

func (m *Model) personSection() section {
	t, p := m.c.Text, m.rec.Person
	s := section{title: t.T("record.person")}
	name := p.FullName()
	if p.ChineseName != "" {
		name += "  " + p.ChineseName
	}
	s.add(t.T("label.name"), name)
	s.add(t.T("label.nationality"), p.Nationality+"   "+t.T("label.sex")+" "+t.T("sex."+string(p.Sex)))
	s.add(t.T("label.birth_date"), m.shown(FieldBirthDate, p.BirthDate.String()))
	s.add(t.T("label.passport"), m.shown(FieldPassport, p.PassportNumber)+"   "+t.F("label.passport_expiry", p.PassportExpiry.String()))
	if p.PRID != "" {
		s.add(t.T("label.pr_id"), m.shown(FieldPRID, p.PRID))
	}
	return s
}

func (m *Model) permitSection() section {
	t, st := m.c.Text, m.c.Styles
	s := section{title: t.T("record.permit")}
	p := m.rec.CurrentPermit()
	if p == nil {
		s.add(t.T("label.permit"), t.T("record.none"))
		return s
	}
	state, style := m.c.PermitState(*p)
	days := p.DaysLeft(m.c.Today())
	left := t.F("permit.days_left", days)
	if days < 0 {
		left = t.F("permit.days_ago", -days)
	}
	s.add(t.T("label.permit"), p.Number+"   "+t.F("permit.category", string(p.Category))+"   "+t.T("track."+string(p.Track)))
	s.add(t.T("label.status"), style.Render(state)+"   "+left)
	s.add(t.T("label.valid"), p.ValidFrom.String()+" – "+p.ValidUntil.String())
	s.add(t.T("label.employer"), p.EmployerName)
	s.add(t.T("label.position"), p.Position)
	form := t.T("form." + string(p.Form))
	if p.Form == domain.FormPhysicalLegacy {
		form = st.Level.Warn.Render(form) + "   " + t.T("permit.legacy_note")
	}
	s.add(t.T("label.form"), form)
	return s
}

func (m *Model) esscSection() section {
	t := m.c.Text
	s := section{title: t.T("record.essc")}
	e := m.rec.ESSC
	switch {
	case e == nil:
		s.add(t.T("label.essc"), t.T("essc.none"))
	case e.Registered():
		s.add(t.T("label.essc"), t.F("essc.registered", e.RegisteredAt.In(m.c.Config.Location()).Format("2006-01-02")))
	default:
		s.add(t.T("label.essc"), t.T("essc.not_registered"))
	}
	if e != nil {
		s.add(t.T("label.realname"), m.c.RealNameText(e.RealName))
	}
	s.add(t.T("label.ssn"), m.shown(FieldSSN, m.ssn()))
	return s
}

func (m *Model) insuranceSection() section {
	t := m.c.Text
	s := section{title: t.T("record.insurance")}
	if len(m.rec.Registrations) == 0 {
		s.add(t.T("label.registration"), t.T("record.none"))
	}
	for _, r := range m.rec.Registrations {
		v := r.RegisteredOn.String() + "   " + t.T("registrant."+string(r.Registrant)) + "   " + t.T("registration."+string(r.Status))
		if r.Late {
			v += "   " + m.c.Styles.Level.Warn.Render(t.T("registration.late"))
		}
		s.add(t.T("label.registration"), v)
	}
	return s
}

func (m *Model) cardSection() section {
	t := m.c.Text
	s := section{title: t.T("record.card")}
	c := m.rec.Card
	if c == nil {
		s.add(t.T("label.card"), t.T("card.none"))
		return s
	}
	s.add(t.T("label.card"), m.c.CardStateStyle(c.State).Render(m.c.CardStateText(c.State)))
	s.add(t.T("label.bank"), c.BankBranch+"   "+t.F("card.applied", c.AppliedOn.String()))
	for _, e := range m.cards {
		s.add(e.At.In(m.c.Config.Location()).Format("2006-01-02"),
			t.T("cards.action."+string(e.Action))+"   → "+m.c.CardStateText(e.To)+"   "+e.Branch)
	}
	return s
}

func (m *Model) verificationSection() section {
	t := m.c.Text
	s := section{title: t.T("record.verifications")}
	if len(m.rec.Verifications) == 0 {
		s.add(t.T("label.decision"), t.T("record.none"))
	}
	for _, v := range m.rec.Verifications {
		line := v.DecidedAt.In(m.c.Config.Location()).Format("2006-01-02") + "   " + t.T("decision."+string(v.Decision))
		if !v.ValidUntil.IsZero() {
			line += "   " + t.F("decision.until", v.ValidUntil.String())
		}
		s.add(t.T("label.decision"), line)
	}
	return s
}

func (m *Model) notificationSection() section {
	t := m.c.Text
	s := section{title: t.T("record.notifications")}
	if len(m.rec.Notifications) == 0 {
		s.add(t.T("label.notice"), t.T("record.none"))
	}
	for _, n := range m.rec.Notifications {
		text := n.TextZH
		if m.c.Text.Lang() == "en" {
			text = n.TextEN
		}
		s.add(n.CreatedAt.In(m.c.Config.Location()).Format("2006-01-02"), text)
	}
	return s
}

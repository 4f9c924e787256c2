package card

import (
	"strings"

	"github.com/charmbracelet/lipgloss"

	"onecard/app"
	"onecard/domain"
	rules "onecard/insurance"
)

func (m *Model) View() string {
	t, st := m.c.Text, m.c.Styles
	if m.step == stepFind || m.rec == nil {
		out := []string{t.T("cards.find"), m.picker.View()}
		if m.note != "" {
			out = append(out, "", st.Error.Render(m.note))
		}
		return strings.Join(out, "\n")
	}
	var out []string
	row := func(label, value string) {
		out = append(out, "  "+st.Label.Width(m.labelWidth()).Render(label)+"  "+value)
	}
	p := m.rec.Person
	row(t.T("label.name"), p.FullName()+"   "+p.Nationality)
	ssn := t.T("cards.no_ssn")
	if m.ssn() != "" {
		ssn = app.Mask(m.ssn()) // revealed only on the record screen, where a reveal is audited
	}
	row(t.T("label.ssn"), ssn)
	if c := m.rec.Card; c != nil {
		row(t.T("label.card"), m.c.CardStateStyle(c.State).Render(m.c.CardStateText(c.State)))
		row(t.T("label.bank"), c.BankBranch+"   "+t.F("card.applied", c.AppliedOn.String()))
	} else {
		row(t.T("label.card"), t.T("card.none"))
	}
	out = append(out, "", st.Section.Render(t.T("cards.history")))
	if len(m.history) == 0 {
		out = append(out, "  "+t.T("record.none"))
	}
	for _, e := range m.history {
		out = append(out, "  "+m.historyLine(e))
	}
	for _, w := range m.waiting {
		out = append(out, "  "+st.Level.Warn.Render(t.F("cards.waiting", m.actionText(w.Action))))
	}
	for _, r := range m.refused {
		out = append(out, "  "+st.Level.Bad.Render(t.F("cards.refused", r)))
	}
	out = append(out, "")
	switch m.step {
	case stepApply:
		out = append(out, st.Section.Render(t.T("cards.apply")),
			"  "+st.Label.Width(m.labelWidth()).Render(t.T("cards.photo_receipt"))+"  "+m.inputs[0].View(),
			"  "+st.Label.Width(m.labelWidth()).Render(t.T("label.bank"))+"  "+m.inputs[1].View())
	case stepConfirm:
		out = append(out, st.Strong.Render(t.F("cards.confirm", m.actionText(m.action), m.transition(m.action))))
	default:
		acts := m.actions()
		if len(acts) > 0 {
			out = append(out, st.Section.Render(t.T("cards.actions")))
		}
		for i, a := range acts {
			out = append(out, "  "+t.F("cards.action_line", i+1, m.actionText(a), m.transition(a)))
		}
	}
	if m.note != "" {
		out = append(out, "", st.Notice.Render(m.note))
	}
	return lipgloss.NewStyle().Width(max(m.width, 20)).Render(strings.Join(out, "\n"))
}

func (m *Model) labelWidth() int {
	w := 0
	for _, id := range []string{"label.name", "label.ssn", "label.card", "label.bank", "cards.photo_receipt"} {
		w = max(w, lipgloss.Width(m.c.Text.T(id)))
	}
	return w
}

func (m *Model) historyLine(e rules.CardEvent) string {
	t := m.c.Text
	when := e.At.In(m.c.Config.Location()).Format("2006-01-02 15:04")
	return t.F("cards.history_line", when, m.actionText(e.Action), m.states(e.From, e.To), e.Branch)
}

func (m *Model) actionText(a rules.CardAction) string { return m.c.Text.T("cards.action." + string(a)) }

// transition names the states an action moves the card between.
func (m *Model) transition(a rules.CardAction) string {
	if a == rules.ActionApply {
		return m.states("", domain.CardNotActivated)
	}
	to, _ := rules.NextCardState(m.state(), a)
	return m.states(m.state(), to)
}

func (m *Model) states(from, to domain.CardState) string {
	if from == "" {
		return "→ " + m.c.CardStateText(to)
	}
	return m.c.CardStateText(from) + " → " + m.c.CardStateText(to)
}

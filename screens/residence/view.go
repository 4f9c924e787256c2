package residence

import (
	"strings"

	"github.com/charmbracelet/lipgloss"

	"onecard/credential"
	"onecard/domain"
	rules "onecard/residence"
	"onecard/screens/mrzform"
)

func (m *Model) View() string {
	st, t := m.c.Styles, m.c.Text
	var parts []string
	if m.rec != nil {
		parts = append(parts, m.holderLine(), "")
	}
	switch m.step {
	case stepPermit:
		parts = append(parts, st.Strong.Render(t.T("residence.permit_prompt")), m.permit.field.Input.View())
		if v := m.permit.verdict; v != nil {
			parts = append(parts, "", m.verdictView(*v))
		}
	case stepLoading, stepChecking, stepDeciding:
		parts = append(parts, st.Muted.Render(t.T("residence.working")))
	case stepMRZ:
		parts = append(parts, m.form.View())
	case stepReview:
		o := m.review.Outcome()
		parts = append(parts, m.review.View(m.c), "",
			st.Label.Render(t.T("realname.result"))+"  "+mrzform.OutcomeStyle(m.c, o).Render(mrzform.OutcomeText(m.c, o)),
			st.Muted.Render(t.T("residence.review_hint")))
	case stepApply:
		parts = append(parts, m.apply.view(m.c, m.policy), "", st.Muted.Render(t.T("residence.apply_hint")))
	case stepDecided:
		parts = append(parts, m.decisionView())
	}
	return strings.Join(parts, "\n")
}

// holderLine names the applicant and the permit with its state.
func (m *Model) holderLine() string {
	st, t, p := m.c.Styles, m.c.Text, m.rec.Person
	state, style := m.c.PermitState(m.wp)
	return st.Strong.Render(p.FullName()) + "  " + p.Nationality + "   " + st.Label.Render(t.T("label.permit")) + " " +
		m.wp.Number + " " + style.Render(state) + "  " + t.F("residence.permit_until", m.wp.ValidUntil.String())
}

// verdictView shows why a scanned code was not taken.
func (m *Model) verdictView(r credential.Result) string {
	style := m.c.Styles.Banner.Bad
	if r.Verdict == credential.CannotVerify {
		style = m.c.Styles.Banner.Warn
	}
	msg := r.MessageZH
	if m.c.Text.Lang() == "en" {
		msg = r.MessageEN
	}
	return style.Width(max(m.width, 20)).Render(m.c.Text.T("residence.verdict."+string(r.Verdict))) + "\n" + msg
}

// decisionView is the banner, the reference, every rule with its result and
// explanation, and the slips once written.
func (m *Model) decisionView() string {
	st, t, d := m.c.Styles, m.c.Text, m.done.decision
	banner := t.T("decision." + string(d.Outcome))
	style := st.Banner.Bad
	switch d.Outcome {
	case domain.DecisionEligible:
		banner += " · " + t.F("decision.until", d.ValidUntil.String())
		style = st.Banner.OK
	case domain.DecisionRefer:
		style = st.Banner.Warn
	}
	lines := []string{style.Width(max(m.width, 20)).Render(banner),
		st.Label.Render(t.T("residence.ref")) + "  " + st.Strong.Render(m.done.ref), "", st.Section.Render(t.T("residence.rules"))}
	w := 0
	for _, r := range d.Rules {
		w = max(w, lipgloss.Width(t.T("residence.rule."+r.ID)))
	}
	explain := lipgloss.NewStyle().Width(max(m.width-w-6, 20))
	for _, r := range d.Rules {
		text := r.Explain.ZH
		if t.Lang() == "en" {
			text = r.Explain.EN
		}
		lines = append(lines, lipgloss.JoinHorizontal(lipgloss.Top,
			m.resultMark(r.Result)+" "+st.Label.Width(w).Render(t.T("residence.rule."+r.ID))+"  ", explain.Render(text)))
	}
	lines = append(lines, "")
	for _, p := range m.done.slips {
		lines = append(lines, t.F("residence.slip_written", p))
	}
	if m.done.slipNote != "" {
		lines = append(lines, st.Level.Warn.Render(m.done.slipNote))
	}
	if len(m.done.slips) == 0 {
		lines = append(lines, st.Muted.Render(t.T("residence.decided_hint")))
	}
	return strings.Join(lines, "\n")
}

func (m *Model) resultMark(r rules.Result) string {
	switch r {
	case rules.Pass:
		return m.c.Styles.Level.OK.Render("✓")
	case rules.Fail:
		return m.c.Styles.Level.Bad.Render("✗")
	}
	return m.c.Styles.Level.Warn.Render("?")
}

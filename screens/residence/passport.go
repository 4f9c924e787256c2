package residence

import (
	tea "github.com/charmbracelet/bubbletea"

	"onecard/screens/mrzform"
)

// checkedMsg answers the comparison of the passport with the holder's record.
type checkedMsg struct {
	req    int
	review mrzform.Review
}

func (m *Model) feedMRZ(msg tea.Msg) tea.Cmd {
	cmd, text, done := m.form.Update(msg)
	if !done {
		return cmd
	}
	m.req++
	m.step = stepChecking
	person, at, req := m.rec.Person, m.c.Now(), m.req
	return tea.Batch(cmd, func() tea.Msg { return checkedMsg{req: req, review: mrzform.Check(text, person, at)} })
}

func (m *Model) checked(msg checkedMsg) tea.Cmd {
	if msg.req != m.req {
		return nil
	}
	m.step, m.review = stepReview, msg.review
	return nil
}

package residence

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	tea "github.com/charmbracelet/bubbletea"

	"onecard/app"
	"onecard/domain"
	"onecard/slip"
)

// slipWrittenMsg answers the writing of a decision's slips.
type slipWrittenMsg struct {
	req    int
	paths  []string
	noFont bool // the PDF was skipped: no CJK font
	err    error
}

// slipOf is the decision as printed; the passport number is masked like on screen.
func (m *Model) slipOf() slip.Slip {
	name := m.rec.Person.FullName()
	if m.review.MRZ.Valid {
		name = m.review.MRZ.Name
	}
	return slip.Slip{
		Ref: m.done.ref, Branch: m.c.Config.Branch, Terminal: m.c.Config.TerminalID, StaffID: m.c.StaffID(),
		DecidedAt: m.done.at.In(m.c.Config.Location()), HolderName: name, Nationality: m.rec.Person.Nationality,
		PassportNumber: app.Mask(m.rec.Person.PassportNumber), PermitNumber: m.wp.Number,
		Decision: m.done.decision, Policy: m.policy,
	}
}

// writeSlips writes the text slip (to the printer when one is configured, else to a
// file) and the PDF, and audits that the decision left the kiosk on paper.
func (m *Model) writeSlips() tea.Cmd {
	m.req++
	s, out, req := m.slipOf(), m.slips, m.req
	entry := m.c.Entry("residence_slip", m.done.ref, domain.OutcomeOK, "")
	st := m.c.Store
	return func() tea.Msg {
		msg := slipWrittenMsg{req: req}
		if err := os.MkdirAll(out.Dir, 0o700); err != nil {
			msg.err = err
			return msg
		}
		text := out.Printer
		if text == "" {
			text = filepath.Join(out.Dir, s.Ref+".txt")
		}
		if err := slip.Write(text, []byte(slip.Text(s))); err != nil {
			msg.err = err
			return msg
		}
		msg.paths = append(msg.paths, text)
		pdf, err := slip.PDF(s, out.Font)
		switch {
		case errors.Is(err, slip.ErrNoFont):
			msg.noFont = true
		case err != nil:
			msg.err = fmt.Errorf("PDF slip %s: %w", s.Ref, err)
		default:
			path := filepath.Join(out.Dir, s.Ref+".pdf")
			if msg.err = slip.Write(path, pdf); msg.err == nil {
				msg.paths = append(msg.paths, path)
			}
		}
		entry.Detail = fmt.Sprintf("slips=%d", len(msg.paths))
		ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
		defer cancel()
		if _, err := st.Audit(ctx, entry); err != nil && msg.err == nil {
			msg.err = err
		}
		return msg
	}
}

func (m *Model) slipWritten(msg slipWrittenMsg) tea.Cmd {
	if msg.req != m.req {
		return nil
	}
	m.done.slips, m.done.slipNote = msg.paths, ""
	if msg.noFont {
		m.done.slipNote = m.c.Text.T("residence.slip_no_font")
	}
	if msg.err != nil {
		return app.Fail("residence slip", msg.err)
	}
	return nil
}

package residence

import (
	"context"
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"onecard/app"
	"onecard/credential"
	"onecard/domain"
	"onecard/identity"
	rules "onecard/residence"
	"onecard/store"
)

// permitStep is the first step: a code or a permit number.
type permitStep struct {
	field   app.ScanField
	verdict *credential.Result // the last code's result when it was not valid
}

func newPermitStep(c *app.Context) permitStep {
	f := app.NewScanField(c)
	f.Input.Cursor.SetMode(cursor.CursorStatic)
	f.Input.Placeholder = c.Text.T("residence.permit_placeholder")
	return permitStep{field: f}
}

// policyLoadedMsg carries the policy to apply; err says why the setting was not used.
type policyLoadedMsg struct {
	policy rules.Policy
	err    error
}

// loadPolicy reads the synced policy setting; without one the built-in policy applies.
func loadPolicy(st *store.Store) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
		defer cancel()
		doc, err := st.Setting(ctx, rules.PolicySetting)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return policyLoadedMsg{policy: rules.DefaultPolicy(), err: err}
		}
		p, err := rules.PolicyFromSetting(doc)
		return policyLoadedMsg{policy: p, err: err}
	}
}

// verifiedMsg answers the offline verification of a scanned code.
type verifiedMsg struct {
	req    int
	result credential.Result
}

// holderLoadedMsg answers the loading of a permit and its holder's record.
type holderLoadedMsg struct {
	req    int
	permit domain.WorkPermit
	rec    store.Record
	err    error
}

// isCode tells a credential from a typed permit number by its prefix.
func isCode(text string) bool {
	up := strings.ToUpper(text)
	return strings.HasPrefix(up, "WPN1:") || strings.HasPrefix(up, "ESC1:")
}

func (m *Model) permitKey(msg tea.KeyMsg) tea.Cmd {
	if key.Matches(msg, m.c.Keys.Back) && m.permit.field.Input.Value() == "" {
		return app.Pop()
	}
	cmd, text, done, _ := m.permit.field.Update(m.c, msg)
	if !done {
		return cmd
	}
	text = strings.TrimSpace(text)
	switch {
	case text == "":
		return nil
	case isCode(text):
		return m.verify(text)
	}
	number := strings.ToUpper(text)
	if err := identity.CheckPermitNumber(number); err != nil {
		return app.Status(m.c.Text.T("residence.bad_permit"))
	}
	m.permit.verdict = nil
	return m.loadHolder(number)
}

// verify checks a scanned code offline against the trust bundle.
func (m *Model) verify(payload string) tea.Cmd {
	if m.c.Verify == nil {
		return app.Status(m.c.Text.T("residence.no_verifier"))
	}
	m.req++
	m.step = stepLoading
	v, req := m.c.Verify, m.req
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
		defer cancel()
		return verifiedMsg{req: req, result: v.Verify(ctx, payload)}
	}
}

// verified takes a valid code's permit number; any other verdict is shown and audited,
// and the clerk scans again or types the number.
func (m *Model) verified(msg verifiedMsg) tea.Cmd {
	if msg.req != m.req {
		return nil
	}
	r := msg.result
	outcome := domain.OutcomeOK
	if r.Verdict != credential.Valid {
		outcome = domain.OutcomeDenied
	}
	audit := app.WriteAudit(m.c.Store, m.c.Entry("residence_code", r.Permit, outcome,
		"verdict="+string(r.Verdict)+" reason="+string(r.Reason)))
	if r.Verdict != credential.Valid || r.Permit == "" {
		m.step, m.permit.verdict = stepPermit, &r
		return audit
	}
	m.permit.verdict = nil
	return tea.Batch(audit, m.loadHolder(r.Permit))
}

func (m *Model) loadHolder(number string) tea.Cmd {
	m.req++
	m.step = stepLoading
	st, req := m.c.Store, m.req
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
		defer cancel()
		p, err := st.Permit(ctx, number)
		if err != nil {
			return holderLoadedMsg{req: req, err: err}
		}
		rec, err := st.Record(ctx, p.PersonID)
		return holderLoadedMsg{req: req, permit: p, rec: rec, err: err}
	}
}

func (m *Model) holderLoaded(msg holderLoadedMsg) tea.Cmd {
	if msg.req != m.req {
		return nil
	}
	if msg.err != nil {
		m.step = stepPermit
		return app.Fail("residence", msg.err)
	}
	m.step, m.wp, m.rec = stepMRZ, msg.permit, &msg.rec
	return nil
}

package residence

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"onecard/app"
	"onecard/domain"
	rules "onecard/residence"
	"onecard/store"
	"onecard/sync"
)

// decided is the recorded decision and what was printed of it.
type decided struct {
	decision rules.Decision
	ref      string
	at       time.Time
	slips    []string
	slipNote string // why a slip form was not written (no CJK font)
}

// decidedMsg answers the recording of a decision.
type decidedMsg struct {
	req int
	ref string
	err error
}

// verification is everything a decision writes, built in Update and written in one
// transaction by a Cmd; the reference is numbered inside that transaction.
type verification struct {
	prefix string
	v      domain.ResidenceVerification
	entry  domain.AuditEntry
}

// refPrefix numbers decisions per terminal and day: RV-<terminal>-<yyyymmdd>-<n>.
func refPrefix(terminal string, day domain.Date) string {
	return "RV-" + terminal + "-" + strings.ReplaceAll(day.String(), "-", "") + "-"
}

// auditOutcome: a decision not to grant is a refusal; eligible and refer are answers.
func auditOutcome(d domain.ResidenceDecision) domain.Outcome {
	if d == domain.DecisionNotEligible {
		return domain.OutcomeDenied
	}
	return domain.OutcomeOK
}

// input is what the clerk established, in the policy's terms.
func (m *Model) input(entry domain.Date) rules.Input {
	expiry := m.rec.Person.PassportExpiry
	if d := m.review.MRZ.ExpiryDate; m.review.MRZ.Valid && d.Known() {
		expiry = domain.DateOf(d.Time) // the passport in hand, not what the record says
	}
	return rules.Input{
		PermitStatus:     m.wp.Status,
		PermitValidUntil: m.wp.ValidUntil,
		HolderMatch:      m.review.Outcome(),
		PassportExpiry:   expiry,
		EntryDate:        entry,
		VisaType:         m.apply.visa.Value(),
		FirstApplication: m.apply.first,
		Documents:        m.apply.presentedIDs(m.policy),
		DecisionDate:     m.c.Today(),
	}
}

// decide applies the policy and records the decision.
func (m *Model) decide() tea.Cmd {
	entry, err := m.apply.entryDate()
	if err != nil {
		return app.Status(m.c.Text.T("residence.bad_date"))
	}
	d := rules.Decide(m.policy, m.input(entry))
	b, err := json.Marshal(d.Rules)
	if err != nil {
		return app.Fail("residence", err)
	}
	now := m.c.Clock()
	subject := strconv.FormatInt(m.rec.Person.ID, 10)
	w := verification{
		prefix: refPrefix(m.c.Config.TerminalID, m.c.Today()),
		v: domain.ResidenceVerification{PersonID: m.rec.Person.ID, PermitNumber: m.wp.Number, Decision: d.Outcome,
			ValidUntil: d.ValidUntil, Rules: b, StaffID: m.c.StaffID(), Branch: m.c.Config.Branch, DecidedAt: now.UTC()},
		entry: m.c.Entry("residence", subject, auditOutcome(d.Outcome), detail(d)),
	}
	m.req++
	m.step = stepDeciding
	m.done = decided{decision: d, at: now}
	st, req := m.c.Store, m.req
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
		defer cancel()
		ref, err := save(ctx, st, w)
		return decidedMsg{req: req, ref: ref, err: err}
	}
}

// detail lists the decision and every rule that did not pass, for the audit trail.
func detail(d rules.Decision) string {
	parts := []string{"decision=" + string(d.Outcome)}
	if !d.ValidUntil.IsZero() {
		parts = append(parts, "valid_until="+d.ValidUntil.String())
	}
	var not []string
	for _, r := range d.Rules {
		if r.Result != rules.Pass {
			not = append(not, r.ID+":"+string(r.Result))
		}
	}
	if len(not) > 0 {
		parts = append(parts, "rules="+strings.Join(not, ","))
	}
	return strings.Join(parts, " ")
}

// save numbers the decision and writes it, its audit entry and its event for central
// together or not at all; it returns the reference.
func save(ctx context.Context, st *store.Store, a verification) (string, error) {
	var ref string
	err := st.Update(ctx, func(w *store.Writer) error {
		var err error
		if ref, err = w.NextRef(ctx, a.prefix); err != nil {
			return err
		}
		v := a.v
		v.Ref = ref
		if err := w.PutVerification(ctx, v); err != nil {
			return err
		}
		e := a.entry
		e.Detail = "ref=" + ref + " " + e.Detail
		if _, err := w.Audit(ctx, e); err != nil {
			return err
		}
		payload, err := json.Marshal(sync.EventVerification{Verification: v})
		if err != nil {
			return err
		}
		_, err = w.Enqueue(ctx, sync.EventKindVerification, payload, v.DecidedAt)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("record residence decision for person %d: %w", a.v.PersonID, err)
	}
	return ref, nil
}

func (m *Model) decidedResult(msg decidedMsg) tea.Cmd {
	if msg.req != m.req {
		return nil
	}
	if msg.err != nil {
		// Nothing was written: the form stays so the clerk can try again.
		m.step, m.done = stepApply, decided{}
		return app.Fail("residence", msg.err)
	}
	m.step, m.done.ref = stepDecided, msg.ref
	return nil
}

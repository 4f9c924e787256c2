package realname

import (
	"context"
	"encoding/json"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"onecard/app"
	"onecard/domain"
	"onecard/identity"
	"onecard/store"
	"onecard/sync"
)

// recordedMsg answers the recording of an outcome.
type recordedMsg struct {
	req   int
	saved saved
	err   error
}

// authentication is everything one outcome writes, built in Update from what the
// screen shows and written by a Cmd in one transaction.
type authentication struct {
	entry domain.AuditEntry
	event sync.EventRealName
	essc  *domain.ESSC // the e-SSC with its real-name state set; nil when none changes
}

// auditOutcome: authenticated is ok; every other verdict is a refusal.
func auditOutcome(o identity.AuthOutcome) domain.Outcome {
	if o == identity.Authenticated {
		return domain.OutcomeOK
	}
	return domain.OutcomeDenied
}

// permitOf is the permit the authentication is for: the e-SSC's, else the current one.
func permitOf(rec store.Record) string {
	if rec.ESSC != nil && rec.ESSC.PermitNumber != "" {
		return rec.ESSC.PermitNumber
	}
	if p := rec.CurrentPermit(); p != nil {
		return p.Number
	}
	return ""
}

// record writes the outcome of the review. A person without an e-SSC row is still
// authenticated (audited and sent to central), but no e-SSC is made up here: central
// is authoritative for e-cards, and the holder's e-SSC registration on the phone
// creates it.
func (m *Model) record() tea.Cmd {
	m.req++
	m.step = stepSaving
	outcome, now := m.review.Outcome(), m.c.Clock()
	a := authentication{
		entry: m.c.Entry("realname", m.subject(), auditOutcome(outcome), m.review.Detail()),
		event: sync.EventRealName{PersonID: m.rec.Person.ID, PermitNumber: permitOf(*m.rec), At: now.UTC(),
			StaffID: m.c.StaffID(), Outcome: auditOutcome(outcome)},
	}
	if outcome == identity.Authenticated && m.rec.ESSC != nil {
		e := *m.rec.ESSC
		e.RealName, e.AuthenticatedAt, e.UpdatedAt = domain.RealNameAuthenticated, now, now
		a.essc = &e
	}
	st, req := m.c.Store, m.req
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
		defer cancel()
		err := save(ctx, st, a)
		return recordedMsg{req: req, saved: saved{outcome: outcome, essc: a.essc != nil}, err: err}
	}
}

// save writes the e-SSC state, the audit entry and the event together or not at all.
func save(ctx context.Context, st *store.Store, a authentication) error {
	payload, err := json.Marshal(a.event)
	if err != nil {
		return err
	}
	err = st.Update(ctx, func(w *store.Writer) error {
		if a.essc != nil {
			if err := w.PutESSC(ctx, *a.essc); err != nil {
				return err
			}
		}
		if _, err := w.Audit(ctx, a.entry); err != nil {
			return err
		}
		_, err := w.Enqueue(ctx, sync.EventKindRealName, payload, a.event.At)
		return err
	})
	if err != nil {
		return fmt.Errorf("record real-name authentication of person %d: %w", a.event.PersonID, err)
	}
	return nil
}

func (m *Model) recorded(msg recordedMsg) tea.Cmd {
	if msg.req != m.req {
		return nil
	}
	if msg.err != nil {
		// Nothing was written: the review stays up so the staff member can try again.
		m.step = stepReview
		return app.Fail("realname", msg.err)
	}
	m.step, m.saved = stepDone, msg.saved
	if msg.saved.essc {
		m.rec.ESSC.RealName = domain.RealNameAuthenticated
	}
	return nil
}

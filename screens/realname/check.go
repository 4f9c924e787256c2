package realname

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"onecard/app"
	"onecard/domain"
	"onecard/identity"
	"onecard/screens/mrzform"
	"onecard/store"
)

// storeTimeout bounds one store call of this screen.
const storeTimeout = 5 * time.Second

// checkedMsg answers a check: the MRZ compared with the person, or no person found.
type checkedMsg struct {
	req    int
	rec    *store.Record
	review mrzform.Review
	search string // the passport key searched, when no person was found
	err    error
}

// check parses the MRZ on the counter's day, finds the person and compares.
func (m *Model) check(text string) tea.Cmd {
	m.req++
	m.step = stepChecking
	st, id, req, at := m.c.Store, m.personID, m.req, m.c.Now()
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
		defer cancel()
		doc := identity.ParseMRZ(text, at)
		if id == 0 {
			search := doc.NationalityAlpha3 + " " + doc.DocumentNumber
			found, err := findHolder(ctx, st, doc)
			if err != nil {
				return checkedMsg{req: req, err: err}
			}
			if found == 0 {
				return checkedMsg{req: req, review: mrzform.Review{MRZ: doc}, search: search}
			}
			id = found
		}
		rec, err := st.Record(ctx, id)
		if err != nil {
			return checkedMsg{req: req, err: err}
		}
		return checkedMsg{req: req, rec: &rec, review: mrzform.Compare(doc, rec.Person, at)}
	}
}

// findHolder finds the one person with the MRZ's passport number and nationality, in
// the lookup's "DEU C01X00T47" form; 0 when there is none, or more than one.
func findHolder(ctx context.Context, st *store.Store, doc identity.MRZ) (int64, error) {
	if doc.DocumentNumber == "" || doc.NationalityAlpha3 == "" {
		return 0, nil
	}
	matches, _, err := st.Find(ctx, doc.NationalityAlpha3+" "+doc.DocumentNumber, 2)
	if err != nil || len(matches) != 1 {
		return 0, err
	}
	return matches[0].Person.ID, nil
}

func (m *Model) checked(msg checkedMsg) tea.Cmd {
	if msg.req != m.req {
		return nil
	}
	if msg.err != nil {
		m.restart()
		return app.Fail("realname", msg.err)
	}
	m.step, m.rec, m.review, m.search = stepReview, msg.rec, msg.review, msg.search
	if m.rec == nil {
		// No one to authenticate, but the attempt is on record like any lookup.
		detail := "outcome=not_found passport=" + app.Mask(msg.search)
		return app.WriteAudit(m.c.Store, m.c.Entry("realname", "", domain.OutcomeFailed, detail))
	}
	return nil
}

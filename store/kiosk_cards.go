package store

import (
	"context"
	"database/sql"
	"fmt"

	"onecard/domain"
	"onecard/insurance"
)

const upsertCardEvent = `INSERT INTO card_events (id, person_id, ref, action, from_state, to_state, at, branch, staff_id)
VALUES (?,?,?,?,?,?,?,?,?)
ON CONFLICT(id) DO UPDATE SET person_id=excluded.person_id, ref=excluded.ref, action=excluded.action,
	from_state=excluded.from_state, to_state=excluded.to_state, at=excluded.at,
	branch=excluded.branch, staff_id=excluded.staff_id`

// PutCardEvent inserts or replaces one line of a card's history from central.
func (w *Writer) PutCardEvent(ctx context.Context, e insurance.CardEvent) error {
	if err := e.Validate(); err != nil {
		return err
	}
	_, err := w.exec(ctx, upsertCardEvent, e.ID, e.PersonID, e.Ref, string(e.Action), string(e.From), string(e.To),
		e.At.UnixMilli(), e.Branch, e.StaffID)
	if err != nil {
		return fmt.Errorf("put card event %s: %w", e.ID, err)
	}
	return nil
}

// CardHistory returns a person's card history, oldest first.
func (s *Store) CardHistory(ctx context.Context, personID int64) ([]insurance.CardEvent, error) {
	rows, err := s.reader.QueryContext(ctx, `SELECT id, person_id, ref, action, from_state, to_state, at, branch, staff_id
		FROM card_events WHERE person_id = ? ORDER BY at, id`, personID)
	if err != nil {
		return nil, fmt.Errorf("card history of person %d: %w", personID, err)
	}
	return collect(rows, func(r rowScanner) (insurance.CardEvent, error) {
		var e insurance.CardEvent
		var action, from, to string
		var at sql.NullInt64
		err := r.Scan(&e.ID, &e.PersonID, &e.Ref, &action, &from, &to, &at, &e.Branch, &e.StaffID)
		e.Action, e.From, e.To, e.At = insurance.CardAction(action), domain.CardState(from), domain.CardState(to), fromMillis(at)
		return e, err
	})
}

package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"onecard/domain"
)

// Enqueue adds an event for central in the writer's transaction, so the action and its
// event commit together. The returned sequence number, with the terminal id, is the
// event's identity at central.
func (w *Writer) Enqueue(ctx context.Context, kind string, payload []byte, at time.Time) (int64, error) {
	res, err := w.exec(ctx, `INSERT INTO outbox (kind, payload, created_at) VALUES (?, ?, ?)`, kind, payload, at.UnixMilli())
	if err != nil {
		return 0, fmt.Errorf("enqueue %s: %w", kind, err)
	}
	return res.LastInsertId()
}

const outboxColumns = `seq, kind, payload, created_at, state, reason, acked_at`

func scanOutbox(r rowScanner) (domain.OutboxEvent, error) {
	var e domain.OutboxEvent
	var created, acked sql.NullInt64
	var state string
	err := r.Scan(&e.Seq, &e.Kind, &e.Payload, &created, &state, &e.Reason, &acked)
	e.CreatedAt, e.AckedAt, e.State = fromMillis(created), fromMillis(acked), domain.OutboxState(state)
	return e, err
}

// PendingEvents returns up to limit events not yet answered by central, oldest first.
func (s *Store) PendingEvents(ctx context.Context, limit int) ([]domain.OutboxEvent, error) {
	rows, err := s.reader.QueryContext(ctx, `SELECT `+outboxColumns+` FROM outbox
		WHERE state = 'pending' ORDER BY seq LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("read outbox: %w", err)
	}
	return collect(rows, scanOutbox)
}

// RejectedEvents returns the events central refused, newest first, for the supervisor.
func (s *Store) RejectedEvents(ctx context.Context, limit int) ([]domain.OutboxEvent, error) {
	rows, err := s.reader.QueryContext(ctx, `SELECT `+outboxColumns+` FROM outbox
		WHERE state = 'rejected' ORDER BY seq DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("read outbox: %w", err)
	}
	return collect(rows, scanOutbox)
}

// CountPending returns how many counter events (authentications, verifications,
// registrations, ...) wait for central: what staff mean by "not synced yet". The audit
// entries that travel with them are not counted.
func (s *Store) CountPending(ctx context.Context) (int, error) {
	var n int
	err := s.reader.QueryRowContext(ctx, `SELECT count(*) FROM outbox WHERE state = 'pending' AND kind != ?`, OutboxKindAudit).Scan(&n)
	return n, err
}

// Acknowledge records central's answer to an event: accepted, or rejected with a
// reason. A rejected event is never sent again; staff see it on the sync-problems screen.
func (w *Writer) Acknowledge(ctx context.Context, seq int64, state domain.OutboxState, reason string, at time.Time) error {
	if state != domain.OutboxAccepted && state != domain.OutboxRejected {
		return fmt.Errorf("acknowledge event %d: state %q", seq, state)
	}
	_, err := w.exec(ctx, `UPDATE outbox SET state = ?, reason = ?, acked_at = ? WHERE seq = ? AND state = 'pending'`,
		string(state), reason, at.UnixMilli(), seq)
	if err != nil {
		return fmt.Errorf("acknowledge event %d: %w", seq, err)
	}
	return nil
}

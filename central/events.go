package central

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"onecard/domain"
	"onecard/identity"
	"onecard/sync"
)

// rejection is an event central will never apply; its reason goes back to the branch.
type rejection struct{ reason string }

func (r *rejection) Error() string { return r.reason }

func reject(format string, args ...any) error {
	return &rejection{reason: fmt.Sprintf(format, args...)}
}

// eventHandler applies one event's payload inside the push transaction. It returns a
// rejection for an event that can never apply, any other error for a failure that a
// retry may cure.
type eventHandler func(ctx context.Context, t *Tx, term Terminal, payload []byte, now time.Time) error

// eventHandlers maps each event kind to its handler: adding a kind is one line here and
// its payload type in package sync.
func eventHandlers() map[string]eventHandler {
	return map[string]eventHandler{
		sync.EventKindRealName:        applyRealName,
		sync.EventKindVerification:    applyVerification,
		sync.EventKindAudit:           applyAudit,
		sync.EventKindScan:            applyScan,
		sync.EventKindRegistration:    applyRegistration,
		sync.EventKindCardApplication: applyCardApplication,
		sync.EventKindCardAction:      applyCardAction,
	}
}

// ApplyEvents applies a terminal's events, each at most once: an event already
// received, whatever the order, gets its first answer again.
func (db *DB) ApplyEvents(ctx context.Context, term Terminal, events []sync.Event, now time.Time) ([]sync.Answer, error) {
	// Two overlapping retries insert the same keys in the same order, so they queue
	// behind each other instead of deadlocking.
	evs := slices.Clone(events)
	slices.SortFunc(evs, func(a, b sync.Event) int { return int(a.Seq - b.Seq) })
	handlers := eventHandlers()
	answers := make([]sync.Answer, 0, len(evs))
	err := db.Update(ctx, func(t *Tx) error {
		answers = answers[:0]
		for _, ev := range evs {
			a, err := t.applyEvent(ctx, handlers, term, ev, now)
			if err != nil {
				return fmt.Errorf("event %s/%d: %w", term.ID, ev.Seq, err)
			}
			answers = append(answers, a)
		}
		return nil
	})
	return answers, err
}

func (t *Tx) applyEvent(ctx context.Context, handlers map[string]eventHandler, term Terminal, ev sync.Event, now time.Time) (sync.Answer, error) {
	a := sync.Answer{Seq: ev.Seq}
	res, err := t.exec(ctx, `INSERT INTO events (terminal_id, seq, kind, payload, created_at, received_at, state)
VALUES (?, ?, ?, ?, ?, ?, 'pending') ON CONFLICT (terminal_id, seq) DO NOTHING`,
		term.ID, ev.Seq, ev.Kind, ev.Payload, ev.CreatedAt.UnixMilli(), now.UnixMilli())
	if err != nil {
		return a, err
	}
	if n, err := res.RowsAffected(); err != nil {
		return a, err
	} else if n == 0 {
		err := t.queryRow(ctx, `SELECT state, reason FROM events WHERE terminal_id = ? AND seq = ?`, term.ID, ev.Seq).Scan(&a.State, &a.Reason)
		return a, err
	}
	if _, err := t.exec(ctx, `SAVEPOINT event`); err != nil {
		return a, err
	}
	a.State = string(domain.OutboxAccepted)
	err = reject("unknown event kind %q", ev.Kind)
	if h, ok := handlers[ev.Kind]; ok {
		err = h(ctx, t, term, ev.Payload, now)
	}
	var rej *rejection
	switch {
	case errors.As(err, &rej):
		if _, err := t.exec(ctx, `ROLLBACK TO SAVEPOINT event`); err != nil {
			return a, err
		}
		a.State, a.Reason = string(domain.OutboxRejected), rej.reason
	case err != nil:
		return a, err
	}
	if _, err := t.exec(ctx, `RELEASE SAVEPOINT event`); err != nil {
		return a, err
	}
	_, err = t.exec(ctx, `UPDATE events SET state = ?, reason = ? WHERE terminal_id = ? AND seq = ?`, a.State, a.Reason, term.ID, ev.Seq)
	return a, err
}

// decodePayload reads an event payload strictly: unknown fields mean a newer or broken
// branch, and such an event is rejected rather than half-applied.
func decodePayload(payload []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(payload))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return reject("malformed payload: %v", err)
	}
	if _, err := d.Token(); err != io.EOF {
		return reject("malformed payload: text after the payload")
	}
	return nil
}

// inRegion rejects an event about a person outside the terminal's region.
func (t *Tx) inRegion(ctx context.Context, term Terminal, personID int64) error {
	scope, err := t.liveScope(ctx, sync.KindPerson, personKey(personID))
	if err != nil {
		return err
	}
	if scope == "" {
		return reject("person %d is not known to central", personID)
	}
	if scope != term.Region {
		return reject("person %d belongs to region %s, not this terminal's region %s", personID, scope, term.Region)
	}
	return nil
}

func applyRealName(ctx context.Context, t *Tx, term Terminal, payload []byte, now time.Time) error {
	var ev sync.EventRealName
	if err := decodePayload(payload, &ev); err != nil {
		return err
	}
	if ev.PersonID <= 0 || ev.At.IsZero() || ev.StaffID == "" {
		return reject("real-name event needs person_id, at and staff_id")
	}
	if err := t.inRegion(ctx, term, ev.PersonID); err != nil {
		return err
	}
	if ev.Outcome != domain.OutcomeOK {
		return nil // a failed attempt is recorded in the event log and changes nothing
	}
	e, err := t.ESSC(ctx, ev.PersonID)
	if errors.Is(err, ErrNotFound) {
		// Real-name authentication at the counter comes before the holder registers the
		// e-SSC on a phone: the e-card record starts here, bound to the permit checked.
		p, err := t.Permit(ctx, ev.PermitNumber)
		if err != nil || p.PersonID != ev.PersonID {
			return reject("person %d has no e-SSC and permit %q is not theirs", ev.PersonID, ev.PermitNumber)
		}
		e = domain.ESSC{PersonID: ev.PersonID, PermitNumber: p.Number, RealName: domain.RealNameNone}
	} else if err != nil {
		return err
	}
	if ev.PermitNumber != "" && e.PermitNumber != "" && ev.PermitNumber != e.PermitNumber {
		return reject("permit %s is not the permit of person %d's e-SSC", ev.PermitNumber, ev.PersonID)
	}
	if p, err := t.Permit(ctx, e.PermitNumber); err == nil && (p.Status == domain.PermitCancelled || p.Status == domain.PermitRevoked) {
		return reject("permit %s is %s", p.Number, p.Status)
	}
	if e.RealName == domain.RealNameAuthenticated && !e.AuthenticatedAt.After(ev.At) {
		return nil // already authenticated, at this time or earlier
	}
	e.RealName, e.AuthenticatedAt, e.UpdatedAt = domain.RealNameAuthenticated, ev.At.UTC(), now.UTC()
	return t.PutESSC(ctx, e)
}

// applyScan checks a QR verification report; the events table keeps it as received.
func applyScan(_ context.Context, _ *Tx, _ Terminal, payload []byte, _ time.Time) error {
	var ev sync.EventScan
	if err := decodePayload(payload, &ev); err != nil {
		return err
	}
	switch {
	case ev.At.IsZero() || ev.StaffID == "":
		return reject("scan event needs at and staff_id")
	case ev.Verdict != "VALID" && ev.Verdict != "INVALID" && ev.Verdict != "CANNOT_VERIFY":
		return reject("scan event: unknown verdict %q", ev.Verdict)
	case ev.Permit != "" && identity.CheckPermitNumber(ev.Permit) != nil:
		return reject("scan event: permit number %q", ev.Permit)
	}
	return nil
}

func applyVerification(ctx context.Context, t *Tx, term Terminal, payload []byte, now time.Time) error {
	var ev sync.EventVerification
	if err := decodePayload(payload, &ev); err != nil {
		return err
	}
	v := ev.Verification
	if v.Ref == "" || v.PersonID <= 0 || v.DecidedAt.IsZero() {
		return reject("verification event needs ref, person_id and decided_at")
	}
	switch v.Decision {
	case domain.DecisionEligible, domain.DecisionNotEligible, domain.DecisionRefer:
	default:
		return reject("verification %s: unknown decision %q", v.Ref, v.Decision)
	}
	if err := t.inRegion(ctx, term, v.PersonID); err != nil {
		return err
	}
	if v.Branch == "" {
		v.Branch = term.Branch
	}
	if err := t.PutVerification(ctx, v); err != nil {
		return err
	}
	return t.PutNotification(ctx, verificationNotice(v))
}

func applyAudit(ctx context.Context, t *Tx, term Terminal, payload []byte, now time.Time) error {
	var ev sync.EventAudit
	if err := decodePayload(payload, &ev); err != nil {
		return err
	}
	e := ev.Entry
	if e.Seq <= 0 || e.Hash == "" || e.PrevHash == "" {
		return reject("audit entry needs seq, hash and prev_hash")
	}
	if e.Terminal != term.ID {
		return reject("audit entry of terminal %q pushed by %s", e.Terminal, term.ID)
	}
	var prevHash string
	switch err := t.queryRow(ctx, `SELECT hash FROM audit_entries WHERE terminal_id = ? AND seq = ?`, term.ID, e.Seq-1).Scan(&prevHash); {
	case err == nil && prevHash != e.PrevHash:
		return reject("audit entry %d does not follow entry %d: chain broken", e.Seq, e.Seq-1)
	case err != nil && !isNoRows(err):
		return err
	}
	var nextPrev string
	switch err := t.queryRow(ctx, `SELECT prev_hash FROM audit_entries WHERE terminal_id = ? AND seq = ?`, term.ID, e.Seq+1).Scan(&nextPrev); {
	case err == nil && nextPrev != e.Hash:
		return reject("audit entry %d does not precede entry %d: chain broken", e.Seq, e.Seq+1)
	case err != nil && !isNoRows(err):
		return err
	}
	doc, err := json.Marshal(e)
	if err != nil {
		return err
	}
	if _, err := t.exec(ctx, `INSERT INTO audit_entries (terminal_id, seq, prev_hash, hash, doc) VALUES (?, ?, ?, ?, ?)`,
		term.ID, e.Seq, e.PrevHash, e.Hash, string(doc)); err != nil {
		return reject("audit entry %d already recorded with other content", e.Seq)
	}
	_, err = t.exec(ctx, `INSERT INTO audit_heads (terminal_id, seq, hash, at) VALUES (?, ?, ?, ?)
ON CONFLICT (terminal_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, at = excluded.at
WHERE audit_heads.seq < excluded.seq`, term.ID, e.Seq, e.Hash, e.At.UnixMilli())
	return err
}

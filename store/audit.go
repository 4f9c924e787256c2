package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"onecard/domain"
)

// genesisHash is the prev_hash of the first audit entry.
const genesisHash = "0000000000000000000000000000000000000000000000000000000000000000"

// auditHash covers every field of the entry and the hash before it, each
// length-prefixed so that no two different entries serialise alike.
func auditHash(e domain.AuditEntry) string {
	h := sha256.New()
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(e.Seq))
	h.Write(n[:])
	binary.BigEndian.PutUint64(n[:], uint64(e.At.UnixMilli()))
	h.Write(n[:])
	for _, f := range []string{e.Terminal, e.StaffID, e.Event, e.Subject, string(e.Outcome), e.Detail, e.PrevHash} {
		binary.BigEndian.PutUint64(n[:], uint64(len(f)))
		h.Write(n[:])
		h.Write([]byte(f))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// OutboxKindAudit is the outbox kind of an audit entry on its way to central, which
// keeps every terminal's entries and newest head (DESIGN.md section 6): a trail cut
// short or rewritten at the branch no longer matches central's copy.
const OutboxKindAudit = "audit"

// AuditEvent is the outbox payload of an audit entry.
type AuditEvent struct {
	Entry domain.AuditEntry `json:"entry"`
}

// Audit appends one entry to the audit trail in the writer's transaction, so the
// action and its record commit together, and queues it for central in the same
// transaction. It fills Seq, PrevHash and Hash.
func (w *Writer) Audit(ctx context.Context, e domain.AuditEntry) (domain.AuditEntry, error) {
	var head struct {
		seq  int64
		hash string
	}
	err := w.tx.QueryRowContext(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&head.seq, &head.hash)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		head.hash = genesisHash
	case err != nil:
		return e, fmt.Errorf("%w: read head: %v", ErrAuditAppend, err)
	}
	if e.At.IsZero() {
		return e, fmt.Errorf("%w: entry has no time", ErrAuditAppend)
	}
	e.At = e.At.Truncate(time.Millisecond).UTC()
	e.Seq, e.PrevHash = head.seq+1, head.hash
	e.Hash = auditHash(e)
	if _, err := w.exec(ctx, `INSERT INTO audit_log (seq, at, terminal, staff_id, event, subject,
		outcome, detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)`,
		e.Seq, e.At.UnixMilli(), e.Terminal, e.StaffID, e.Event, e.Subject, string(e.Outcome),
		e.Detail, e.PrevHash, e.Hash); err != nil {
		return e, fmt.Errorf("%w: %v", ErrAuditAppend, err)
	}
	if _, err := w.exec(ctx, `INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?)
		ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`, e.Seq, e.Hash); err != nil {
		return e, fmt.Errorf("%w: %v", ErrAuditAppend, err)
	}
	payload, err := json.Marshal(AuditEvent{Entry: e})
	if err != nil {
		return e, fmt.Errorf("%w: %v", ErrAuditAppend, err)
	}
	if _, err := w.Enqueue(ctx, OutboxKindAudit, payload, e.At); err != nil {
		return e, fmt.Errorf("%w: %v", ErrAuditAppend, err)
	}
	return e, nil
}

// Audit appends one entry in a transaction of its own.
func (s *Store) Audit(ctx context.Context, e domain.AuditEntry) (domain.AuditEntry, error) {
	var out domain.AuditEntry
	err := s.Update(ctx, func(w *Writer) error {
		var err error
		out, err = w.Audit(ctx, e)
		return err
	})
	return out, err
}

const auditColumns = `seq, at, terminal, staff_id, event, subject, outcome, detail, prev_hash, hash`

func scanAudit(r rowScanner) (domain.AuditEntry, error) {
	var e domain.AuditEntry
	var at sql.NullInt64
	var outcome string
	err := r.Scan(&e.Seq, &at, &e.Terminal, &e.StaffID, &e.Event, &e.Subject, &outcome, &e.Detail, &e.PrevHash, &e.Hash)
	e.At, e.Outcome = fromMillis(at), domain.Outcome(outcome)
	return e, err
}

// AuditFilter selects audit entries for the auditor's screen; empty fields match all.
type AuditFilter struct {
	StaffID string
	Event   string
	Subject string
	From    time.Time
	Until   time.Time
	Before  int64 // only entries with seq below this (paging backwards); 0 for the newest
	Limit   int
}

// AuditEntries returns entries matching f, newest first.
func (s *Store) AuditEntries(ctx context.Context, f AuditFilter) ([]domain.AuditEntry, error) {
	q := `SELECT ` + auditColumns + ` FROM audit_log WHERE 1=1`
	var args []any
	add := func(cond string, v any) { q += " AND " + cond; args = append(args, v) }
	if f.StaffID != "" {
		add("staff_id = ?", f.StaffID)
	}
	if f.Event != "" {
		add("event = ?", f.Event)
	}
	if f.Subject != "" {
		add("subject = ?", f.Subject)
	}
	if !f.From.IsZero() {
		add("at >= ?", f.From.UnixMilli())
	}
	if !f.Until.IsZero() {
		add("at < ?", f.Until.UnixMilli())
	}
	if f.Before > 0 {
		add("seq < ?", f.Before)
	}
	if f.Limit <= 0 {
		f.Limit = 100
	}
	q += " ORDER BY seq DESC LIMIT ?"
	args = append(args, f.Limit)
	rows, err := s.reader.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read audit: %w", err)
	}
	return collect(rows, scanAudit)
}

// AuditReport is the outcome of checking the chain.
type AuditReport struct {
	Entries     int64  `json:"entries"`
	HeadSeq     int64  `json:"head_seq"`
	OK          bool   `json:"ok"`
	FirstBroken int64  `json:"first_broken,omitempty"` // seq of the first entry that fails
	Problem     string `json:"problem,omitempty"`
}

// VerifyAudit walks the whole chain in order and names the first entry that was edited,
// deleted, reordered or cut off.
func (s *Store) VerifyAudit(ctx context.Context) (AuditReport, error) {
	var rep AuditReport
	err := s.reader.QueryRowContext(ctx, `SELECT seq FROM audit_head WHERE id = 1`).Scan(&rep.HeadSeq)
	if err = ignoreNoRows(err); err != nil {
		return rep, fmt.Errorf("read audit head: %w", err)
	}
	var headHash string
	_ = s.reader.QueryRowContext(ctx, `SELECT hash FROM audit_head WHERE id = 1`).Scan(&headHash)

	rows, err := s.reader.QueryContext(ctx, `SELECT `+auditColumns+` FROM audit_log ORDER BY rowid`)
	if err != nil {
		return rep, fmt.Errorf("read audit: %w", err)
	}
	defer rows.Close()
	prev := domain.AuditEntry{Hash: genesisHash}
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return rep, err
		}
		rep.Entries++
		if problem := chainProblem(prev, e); problem != "" {
			rep.FirstBroken, rep.Problem = e.Seq, problem
			return rep, nil
		}
		prev = e
	}
	if err := rows.Err(); err != nil {
		return rep, err
	}
	switch {
	case rep.HeadSeq > prev.Seq:
		rep.FirstBroken = prev.Seq + 1
		rep.Problem = fmt.Sprintf("entries %d to %d are missing: the log was cut off", prev.Seq+1, rep.HeadSeq)
	case rep.HeadSeq < prev.Seq:
		rep.FirstBroken = rep.HeadSeq + 1
		rep.Problem = fmt.Sprintf("entry %d is past the recorded head %d", rep.HeadSeq+1, rep.HeadSeq)
	case rep.HeadSeq > 0 && headHash != prev.Hash:
		rep.FirstBroken = prev.Seq
		rep.Problem = "the newest entry does not match the recorded head"
	default:
		rep.OK = true
	}
	return rep, nil
}

// chainProblem says why e cannot follow prev, or "" when it can.
func chainProblem(prev, e domain.AuditEntry) string {
	switch {
	case e.Seq != prev.Seq+1:
		return fmt.Sprintf("expected entry %d, found %d: entries deleted or reordered", prev.Seq+1, e.Seq)
	case e.PrevHash != prev.Hash:
		return "does not link to the entry before it"
	case auditHash(e) != e.Hash:
		return "content was changed after it was written"
	}
	return ""
}

package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"onecard/domain"
	"onecard/identity"
)

// Writer puts records inside one write transaction: a sync page with its cursor, a seed
// batch, or a counter action with its audit entry and outbox event. Statements are
// prepared once per transaction, which is what makes bulk loads fast.
type Writer struct {
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

// Update runs fn in one immediate write transaction; nothing is written unless fn
// returns nil and the commit succeeds.
func (s *Store) Update(ctx context.Context, fn func(w *Writer) error) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		w := &Writer{tx: tx, stmts: map[string]*sql.Stmt{}}
		defer w.close()
		return fn(w)
	})
}

func (w *Writer) close() {
	for _, st := range w.stmts {
		st.Close()
	}
}

// exec runs a statement, preparing it on first use in this transaction.
func (w *Writer) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, ok := w.stmts[query]
	if !ok {
		var err error
		st, err = w.tx.PrepareContext(ctx, query)
		if err != nil {
			return nil, err
		}
		w.stmts[query] = st
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// The statement runs without ctx's cancellation: go-sqlite3 starts a goroutine per
	// Exec to watch a cancellable context, which costs more than the insert itself on a
	// bulk load. Cancellation still works: ctx is checked before every statement, and
	// database/sql rolls the transaction (begun with ctx) back when ctx ends.
	return st.ExecContext(context.WithoutCancel(ctx), args...)
}

// Tx exposes the transaction to the store's own files (audit, outbox) that join it.
func (w *Writer) Tx() *sql.Tx { return w.tx }

// PutPerson inserts or replaces a person; the name index follows.
func (w *Writer) PutPerson(ctx context.Context, p domain.Person) error {
	return putOne(ctx, w, (*Batch).AddPerson, p)
}

// appendNameTokens appends the text indexed for a person's names.
func appendNameTokens(dst []byte, p domain.Person) []byte {
	return identity.AppendSearchTokens(dst, p.Surname, p.GivenNames, p.ChineseName)
}

// DeletePerson removes a person and every record linked to them: a record that left
// this branch's region, or a removal from central.
func (w *Writer) DeletePerson(ctx context.Context, id int64) error {
	for _, q := range []string{
		`DELETE FROM permits WHERE person_id = ?`,
		`DELETE FROM essc WHERE person_id = ?`,
		`DELETE FROM cards WHERE person_id = ?`,
		`DELETE FROM insurance_registrations WHERE person_id = ?`,
		`DELETE FROM residence_verifications WHERE person_id = ?`,
		`DELETE FROM notifications WHERE person_id = ?`,
		`DELETE FROM persons WHERE id = ?`,
	} {
		if _, err := w.exec(ctx, q, id); err != nil {
			return fmt.Errorf("delete person %d: %w", id, err)
		}
	}
	return nil
}

// PutPermit inserts or replaces a work permit.
func (w *Writer) PutPermit(ctx context.Context, p domain.WorkPermit) error {
	return putOne(ctx, w, (*Batch).AddPermit, p)
}

// PutESSC inserts or replaces a person's e-SSC.
func (w *Writer) PutESSC(ctx context.Context, e domain.ESSC) error {
	return putOne(ctx, w, (*Batch).AddESSC, e)
}

// PutCard inserts or replaces a person's physical card.
func (w *Writer) PutCard(ctx context.Context, c domain.PhysicalCard) error {
	return putOne(ctx, w, (*Batch).AddCard, c)
}

// PutRegistration inserts or replaces an insurance registration.
func (w *Writer) PutRegistration(ctx context.Context, r domain.InsuranceRegistration) error {
	return putOne(ctx, w, (*Batch).AddRegistration, r)
}

const upsertVerification = `INSERT INTO residence_verifications (ref, person_id, permit_number,
	decision, valid_until, rules, staff_id, branch, decided_at) VALUES (?,?,?,?,?,?,?,?,?)
ON CONFLICT(ref) DO UPDATE SET person_id=excluded.person_id, permit_number=excluded.permit_number,
	decision=excluded.decision, valid_until=excluded.valid_until, rules=excluded.rules,
	staff_id=excluded.staff_id, branch=excluded.branch, decided_at=excluded.decided_at`

// PutVerification inserts or replaces a residence-permit decision.
func (w *Writer) PutVerification(ctx context.Context, v domain.ResidenceVerification) error {
	if v.Ref == "" {
		return fmt.Errorf("residence verification: %w", &identity.FieldError{Field: "ref", Err: domain.ErrRequired})
	}
	_, err := w.exec(ctx, upsertVerification, v.Ref, v.PersonID, v.PermitNumber, string(v.Decision),
		v.ValidUntil, v.Rules, v.StaffID, v.Branch, v.DecidedAt.UnixMilli())
	if err != nil {
		return fmt.Errorf("put verification %s: %w", v.Ref, err)
	}
	return nil
}

// PutNotification inserts or replaces a notice to a holder.
func (w *Writer) PutNotification(ctx context.Context, n domain.Notification) error {
	return putOne(ctx, w, (*Batch).AddNotification, n)
}

// PutStaff inserts or replaces a staff account from central; the terminal's own
// failed-login count and lock survive the update.
func (w *Writer) PutStaff(ctx context.Context, s domain.Staff) error {
	if err := s.Validate(); err != nil {
		return fmt.Errorf("staff %s: %w", s.ID, err)
	}
	_, err := w.exec(ctx, `INSERT INTO staff (id, name, role, branch, pin_hash, active, updated_at)
VALUES (?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET name=excluded.name, role=excluded.role,
	branch=excluded.branch, pin_hash=excluded.pin_hash, active=excluded.active, updated_at=excluded.updated_at`,
		s.ID, s.Name, string(s.Role), s.Branch, s.PINHash, s.Active, s.UpdatedAt.UnixMilli())
	if err != nil {
		return fmt.Errorf("put staff %s: %w", s.ID, err)
	}
	return nil
}

// SetState records a sync-state value (cursor, server time, ...) in this transaction, so
// that a page and its cursor commit together.
func (w *Writer) SetState(ctx context.Context, key, value string) error {
	_, err := w.exec(ctx, `INSERT INTO sync_state (key, value) VALUES (?, ?)
ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value)
	if err != nil {
		return fmt.Errorf("set sync state %s: %w", key, err)
	}
	return nil
}

// BeginBulkLoad switches an empty store into bulk-load mode inside w's transaction and
// reports whether it did: the name-index triggers are dropped, and their SQL saved in
// bulk_load, so that FinishBulkLoad fills the name index in one pass instead of a
// segment per page. It does nothing (false) if the store holds any person or a bulk
// load is already under way. Everything is transactional: if the page it runs with
// does not commit, neither does the mode switch.
//
// The other indexes stay. A first sync brings records in central's change order, which
// for a population loaded in one go is person by person, so the person_id indexes are
// mostly appended to; building them and the passport index at the end cost more than
// keeping them, because the end of a load runs alone, with central and the decoding of
// pages idle (1-2 s of a million persons' first sync). Unique indexes staying also
// means that a duplicate fails the page that brings it.
//
// Safety: while bulk_load has rows the name index is empty and stays empty (no trigger
// writes it), so FinishBulkLoad can fill it from persons alone; rows deleted or updated
// meanwhile need no index maintenance. Lookups stay correct but find no one by name
// until FinishBulkLoad, which the sync runs with its last page; an interrupted first
// sync leaves the mode on and the next sync finishes it.
func (w *Writer) BeginBulkLoad(ctx context.Context) (bool, error) {
	var busy int
	err := w.tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM bulk_load) + (SELECT count(*) FROM (SELECT 1 FROM persons LIMIT 1))`).Scan(&busy)
	if err != nil || busy > 0 {
		return false, err
	}
	rows, err := w.tx.QueryContext(ctx, `SELECT name, sql FROM sqlite_master
WHERE type = 'trigger' AND tbl_name = 'persons' AND sql LIKE '%person_names%'`)
	if err != nil {
		return false, err
	}
	var triggers [][2]string
	for rows.Next() {
		var t [2]string
		if err := rows.Scan(&t[0], &t[1]); err != nil {
			rows.Close()
			return false, err
		}
		triggers = append(triggers, t)
	}
	if err := rows.Close(); err != nil {
		return false, err
	}
	for _, t := range triggers {
		if _, err := w.tx.ExecContext(ctx, `INSERT INTO bulk_load (name, sql) VALUES (?, ?)`, t[0], t[1]); err != nil {
			return false, err
		}
		// Names come from sqlite_master, quoted as identifiers.
		if _, err := w.tx.ExecContext(ctx, `DROP TRIGGER "`+strings.ReplaceAll(t[0], `"`, `""`)+`"`); err != nil {
			return false, fmt.Errorf("bulk load: drop trigger %s: %w", t[0], err)
		}
	}
	if len(triggers) == 0 {
		// Nothing to defer still marks the mode, so Finish knows the name index is empty.
		if _, err := w.tx.ExecContext(ctx, `INSERT INTO bulk_load (name, sql) VALUES ('', '')`); err != nil {
			return false, err
		}
	}
	return true, nil
}

// FinishBulkLoad ends bulk-load mode inside w's transaction, if it is on: the name index
// is filled from persons in one pass, then the saved triggers are created again,
// exactly as they were.
func (w *Writer) FinishBulkLoad(ctx context.Context) error {
	rows, err := w.tx.QueryContext(ctx, `SELECT sql FROM bulk_load WHERE sql <> ''`)
	if err != nil {
		return err
	}
	var ddl []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return err
		}
		ddl = append(ddl, s)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	var on int
	if err := w.tx.QueryRowContext(ctx, `SELECT count(*) FROM bulk_load`).Scan(&on); err != nil || on == 0 {
		return err
	}
	steps := append([]string{`INSERT INTO person_names (rowid, tokens) SELECT id, name_tokens FROM persons`}, ddl...)
	steps = append(steps, `DELETE FROM bulk_load`)
	for _, q := range steps {
		if _, err := w.tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("finish bulk load: %w", err)
		}
	}
	return nil
}

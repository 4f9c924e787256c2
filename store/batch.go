package store

import (
	"context"
	"encoding/json"
	"fmt"

	"onecard/domain"
	"onecard/identity"
	"onecard/rowpack"
)

// Batch gathers records of the tables a population is made of (persons, permits,
// e-SSCs, cards, insurance registrations, notices to holders), validated and encoded,
// so that Writer.PutBatch writes each table's rows with a single statement. Building a batch
// takes no transaction and is most of the work: the sync builds the next page's batch
// beside the writer while the writer commits the current one.
//
// Rows of one table are written in the order they were added, so a later version of a
// record wins; tables are independent of each other, so their order does not matter.
type Batch struct {
	tables [len(batchTables)]rowpack.Rows
	tokens []byte // AddPerson's buffer for a person's name tokens
}

// batchTable indexes batchTables.
type batchTable int

const (
	batchPersons batchTable = iota
	batchPermits
	batchESSC
	batchCards
	batchRegistrations
	batchNotifications
)

// batchTables are the statements that insert or replace one table's rows from a blob of
// rows (rowpack.Rows), in the column order the Add methods write. "WHERE true"
// is SQLite's way to tell an upsert's ON CONFLICT from a join's ON.
var batchTables = [...]struct{ name, sql string }{
	batchPersons: {"persons", `INSERT INTO persons (id, surname, given_names, chinese_name, nationality,
	sex, birth_date, passport_number, passport_expiry, pr_id, region, name_tokens, updated_at)
SELECT c0, c1, c2, c3, c4, c5, c6, c7,
	c8, c9, c10, c11, c12 FROM rowpack(?) WHERE true
ON CONFLICT(id) DO UPDATE SET surname=excluded.surname, given_names=excluded.given_names,
	chinese_name=excluded.chinese_name, nationality=excluded.nationality, sex=excluded.sex,
	birth_date=excluded.birth_date, passport_number=excluded.passport_number,
	passport_expiry=excluded.passport_expiry, pr_id=excluded.pr_id, region=excluded.region,
	name_tokens=excluded.name_tokens, updated_at=excluded.updated_at`},
	batchPermits: {"permits", `INSERT INTO permits (number, person_id, category, track, employer_name,
	employer_uscc, position, region, valid_from, valid_until, status, form, updated_at)
SELECT c0, c1, c2, c3, c4, c5, c6, c7,
	c8, c9, c10, c11, c12 FROM rowpack(?) WHERE true
ON CONFLICT(number) DO UPDATE SET person_id=excluded.person_id, category=excluded.category,
	track=excluded.track, employer_name=excluded.employer_name, employer_uscc=excluded.employer_uscc,
	position=excluded.position, region=excluded.region, valid_from=excluded.valid_from,
	valid_until=excluded.valid_until, status=excluded.status, form=excluded.form,
	updated_at=excluded.updated_at`},
	batchESSC: {"essc", `INSERT INTO essc (person_id, permit_number, ssn, registered_at, real_name,
	authenticated_at, updated_at)
SELECT c0, c1, c2, c3, c4, c5, c6
FROM rowpack(?) WHERE true
ON CONFLICT(person_id) DO UPDATE SET permit_number=excluded.permit_number, ssn=excluded.ssn,
	registered_at=excluded.registered_at, real_name=excluded.real_name,
	authenticated_at=excluded.authenticated_at, updated_at=excluded.updated_at`},
	batchCards: {"cards", `INSERT INTO cards (person_id, ssn, state, bank_branch, photo_receipt,
	applied_on, updated_at)
SELECT c0, c1, c2, c3, c4, c5, c6
FROM rowpack(?) WHERE true
ON CONFLICT(person_id) DO UPDATE SET ssn=excluded.ssn, state=excluded.state,
	bank_branch=excluded.bank_branch, photo_receipt=excluded.photo_receipt,
	applied_on=excluded.applied_on, updated_at=excluded.updated_at`},
	batchRegistrations: {"insurance_registrations", `INSERT INTO insurance_registrations (id,
	person_id, permit_number, registrant, employer_uscc, registered_on, late, exempt, branch,
	status, reason, updated_at)
SELECT c0, c1, c2, c3, c4, c5, c6, c7,
	c8, c9, c10, c11 FROM rowpack(?) WHERE true
ON CONFLICT(id) DO UPDATE SET person_id=excluded.person_id, permit_number=excluded.permit_number,
	registrant=excluded.registrant, employer_uscc=excluded.employer_uscc,
	registered_on=excluded.registered_on, late=excluded.late, exempt=excluded.exempt,
	branch=excluded.branch, status=excluded.status, reason=excluded.reason, updated_at=excluded.updated_at`},
	batchNotifications: {"notifications", `INSERT INTO notifications (id, person_id, kind, text_zh, text_en,
	created_at)
SELECT c0, c1, c2, c3, c4, c5 FROM rowpack(?) WHERE true
ON CONFLICT(id) DO UPDATE SET person_id=excluded.person_id, kind=excluded.kind,
	text_zh=excluded.text_zh, text_en=excluded.text_en, created_at=excluded.created_at`},
}

// Reset empties b, keeping its memory for the next batch.
func (b *Batch) Reset() {
	for i := range b.tables {
		b.tables[i].Reset()
	}
}

func (b *Batch) row(t batchTable) *rowpack.Rows {
	r := &b.tables[t]
	r.BeginRow()
	return r
}

// AddPerson adds a person; their name tokens are computed here, for the name index.
func (b *Batch) AddPerson(p domain.Person) error {
	if err := p.Validate(); err != nil {
		return fmt.Errorf("person %d: %w", p.ID, err)
	}
	r := b.row(batchPersons)
	r.Int(p.ID)
	r.Text(p.Surname)
	r.Text(p.GivenNames)
	r.Text(p.ChineseName)
	r.Text(p.Nationality)
	r.Text(string(p.Sex))
	r.Date(p.BirthDate)
	r.Text(p.PassportNumber)
	r.Date(p.PassportExpiry)
	r.TextOrNull(p.PRID)
	r.Text(p.Region)
	b.tokens = appendNameTokens(b.tokens[:0], p)
	r.TextBytes(b.tokens)
	r.Int(p.UpdatedAt.UnixMilli())
	r.EndRow()
	return nil
}

// AddPermit adds a work permit.
func (b *Batch) AddPermit(p domain.WorkPermit) error {
	if err := p.Validate(); err != nil {
		return fmt.Errorf("permit %s: %w", p.Number, err)
	}
	r := b.row(batchPermits)
	r.Text(p.Number)
	r.Int(p.PersonID)
	r.Text(string(p.Category))
	r.Text(string(p.Track))
	r.Text(p.EmployerName)
	r.Text(p.EmployerUSCC)
	r.Text(p.Position)
	r.Text(p.Region)
	r.Date(p.ValidFrom)
	r.Date(p.ValidUntil)
	r.Text(string(p.Status))
	r.Text(string(p.Form))
	r.Int(p.UpdatedAt.UnixMilli())
	r.EndRow()
	return nil
}

// AddESSC adds a person's e-SSC.
func (b *Batch) AddESSC(e domain.ESSC) error {
	if err := e.Validate(); err != nil {
		return fmt.Errorf("e-SSC of person %d: %w", e.PersonID, err)
	}
	r := b.row(batchESSC)
	r.Int(e.PersonID)
	r.Text(e.PermitNumber)
	r.TextOrNull(e.SSN)
	r.Millis(e.RegisteredAt)
	r.Text(string(e.RealName))
	r.Millis(e.AuthenticatedAt)
	r.Int(e.UpdatedAt.UnixMilli())
	r.EndRow()
	return nil
}

// AddCard adds a person's physical card.
func (b *Batch) AddCard(c domain.PhysicalCard) error {
	if err := c.Validate(); err != nil {
		return fmt.Errorf("card of person %d: %w", c.PersonID, err)
	}
	r := b.row(batchCards)
	r.Int(c.PersonID)
	r.Text(c.SSN)
	r.Text(string(c.State))
	r.Text(c.BankBranch)
	r.Text(c.PhotoReceipt)
	r.Date(c.AppliedOn)
	r.Int(c.UpdatedAt.UnixMilli())
	r.EndRow()
	return nil
}

// AddRegistration adds an insurance registration.
func (b *Batch) AddRegistration(reg domain.InsuranceRegistration) error {
	if err := reg.Validate(); err != nil {
		return fmt.Errorf("registration %s: %w", reg.ID, err)
	}
	exempt := "[]"
	if len(reg.Exempt) > 0 {
		j, err := json.Marshal(reg.Exempt)
		if err != nil {
			return err
		}
		exempt = string(j)
	}
	r := b.row(batchRegistrations)
	r.Text(reg.ID)
	r.Int(reg.PersonID)
	r.Text(reg.PermitNumber)
	r.Text(string(reg.Registrant))
	r.Text(reg.EmployerUSCC)
	r.Date(reg.RegisteredOn)
	r.Bool(reg.Late)
	r.Text(exempt)
	r.Text(reg.Branch)
	r.Text(string(reg.Status))
	r.Text(reg.Reason)
	r.Int(reg.UpdatedAt.UnixMilli())
	r.EndRow()
	return nil
}

// AddNotification adds a notice to a holder.
func (b *Batch) AddNotification(n domain.Notification) error {
	if n.ID == "" {
		return fmt.Errorf("notification: %w", &identity.FieldError{Field: "id", Err: domain.ErrRequired})
	}
	r := b.row(batchNotifications)
	r.Text(n.ID)
	r.Int(n.PersonID)
	r.Text(n.Kind)
	r.Text(n.TextZH)
	r.Text(n.TextEN)
	r.Int(n.CreatedAt.UnixMilli())
	r.EndRow()
	return nil
}

// PutBatch writes every record of b, one statement per table.
func (w *Writer) PutBatch(ctx context.Context, b *Batch) error {
	for t, table := range batchTables {
		rows := b.tables[t].Blob()
		if rows == nil {
			continue
		}
		if _, err := w.exec(ctx, table.sql, rows); err != nil {
			return fmt.Errorf("put %s: %w", table.name, err)
		}
	}
	return nil
}

// putOne writes a single record through a batch, so that one statement per table is
// the only way these tables are written.
func putOne[T any](ctx context.Context, w *Writer, add func(*Batch, T) error, v T) error {
	var b Batch
	if err := add(&b, v); err != nil {
		return err
	}
	return w.PutBatch(ctx, &b)
}

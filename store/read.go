package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"onecard/domain"
)

// rowScanner is what *sql.Row and *sql.Rows have in common.
type rowScanner interface{ Scan(dest ...any) error }

const personColumns = `id, surname, given_names, chinese_name, nationality, sex, birth_date,
	passport_number, passport_expiry, coalesce(pr_id, ''), region, updated_at`

func scanPerson(r rowScanner) (domain.Person, error) {
	var p domain.Person
	var sex string
	var updated sql.NullInt64
	err := r.Scan(&p.ID, &p.Surname, &p.GivenNames, &p.ChineseName, &p.Nationality, &sex,
		&p.BirthDate, &p.PassportNumber, &p.PassportExpiry, &p.PRID, &p.Region, &updated)
	p.Sex = domain.Sex(sex)
	p.UpdatedAt = fromMillis(updated)
	return p, err
}

const permitColumns = `number, person_id, category, track, employer_name, employer_uscc,
	position, region, valid_from, valid_until, status, form, updated_at`

func scanPermit(r rowScanner) (domain.WorkPermit, error) {
	var p domain.WorkPermit
	var cat, track, status, form string
	var updated sql.NullInt64
	err := r.Scan(&p.Number, &p.PersonID, &cat, &track, &p.EmployerName, &p.EmployerUSCC,
		&p.Position, &p.Region, &p.ValidFrom, &p.ValidUntil, &status, &form, &updated)
	p.Category, p.Track = domain.PermitCategory(cat), domain.PermitTrack(track)
	p.Status, p.Form = domain.PermitStatus(status), domain.PermitForm(form)
	p.UpdatedAt = fromMillis(updated)
	return p, err
}

// notFound turns sql.ErrNoRows into ErrNotFound naming what was looked for.
func notFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s: %w", what, ErrNotFound)
	}
	return err
}

// Person returns the person with the given id.
func (s *Store) Person(ctx context.Context, id int64) (domain.Person, error) {
	p, err := scanPerson(s.reader.QueryRowContext(ctx, `SELECT `+personColumns+` FROM persons WHERE id = ?`, id))
	return p, notFound(err, fmt.Sprintf("person %d", id))
}

// Permit returns the work permit with the given number.
func (s *Store) Permit(ctx context.Context, number string) (domain.WorkPermit, error) {
	p, err := scanPermit(s.reader.QueryRowContext(ctx, `SELECT `+permitColumns+` FROM permits WHERE number = ?`, number))
	return p, notFound(err, "permit "+number)
}

// Permits returns a person's permits, the one ending last first.
func (s *Store) Permits(ctx context.Context, personID int64) ([]domain.WorkPermit, error) {
	rows, err := s.reader.QueryContext(ctx, `SELECT `+permitColumns+` FROM permits
		WHERE person_id = ? ORDER BY valid_until DESC`, personID)
	if err != nil {
		return nil, err
	}
	return collect(rows, scanPermit)
}

// collect scans every row with scan and closes rows.
func collect[T any](rows *sql.Rows, scan func(rowScanner) (T, error)) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Record is everything the counter may show about one person.
type Record struct {
	Person        domain.Person                  `json:"person"`
	Permits       []domain.WorkPermit            `json:"permits"` // newest end first
	ESSC          *domain.ESSC                   `json:"essc,omitempty"`
	Registrations []domain.InsuranceRegistration `json:"registrations,omitempty"`
	Card          *domain.PhysicalCard           `json:"card,omitempty"`
	Verifications []domain.ResidenceVerification `json:"verifications,omitempty"`
	Notifications []domain.Notification          `json:"notifications,omitempty"`
}

// CurrentPermit is the permit that ends last, or nil.
func (r Record) CurrentPermit() *domain.WorkPermit {
	if len(r.Permits) == 0 {
		return nil
	}
	return &r.Permits[0]
}

// Record loads a person with all their linked records, from one read snapshot.
func (s *Store) Record(ctx context.Context, id int64) (Record, error) {
	tx, err := s.reader.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return Record{}, err
	}
	defer tx.Rollback()
	var rec Record
	rec.Person, err = scanPerson(tx.QueryRowContext(ctx, `SELECT `+personColumns+` FROM persons WHERE id = ?`, id))
	if err != nil {
		return Record{}, notFound(err, fmt.Sprintf("person %d", id))
	}
	steps := []func() error{
		func() (err error) {
			rows, err := tx.QueryContext(ctx, `SELECT `+permitColumns+` FROM permits WHERE person_id = ? ORDER BY valid_until DESC`, id)
			if err == nil {
				rec.Permits, err = collect(rows, scanPermit)
			}
			return err
		},
		func() error {
			e, err := scanESSC(tx.QueryRowContext(ctx, `SELECT `+esscColumns+` FROM essc WHERE person_id = ?`, id))
			if err == nil {
				rec.ESSC = &e
			}
			return ignoreNoRows(err)
		},
		func() error {
			c, err := scanCard(tx.QueryRowContext(ctx, `SELECT `+cardColumns+` FROM cards WHERE person_id = ?`, id))
			if err == nil {
				rec.Card = &c
			}
			return ignoreNoRows(err)
		},
		func() (err error) {
			rows, err := tx.QueryContext(ctx, `SELECT `+registrationColumns+` FROM insurance_registrations WHERE person_id = ? ORDER BY registered_on DESC`, id)
			if err == nil {
				rec.Registrations, err = collect(rows, scanRegistration)
			}
			return err
		},
		func() (err error) {
			rows, err := tx.QueryContext(ctx, `SELECT `+verificationColumns+` FROM residence_verifications WHERE person_id = ? ORDER BY decided_at DESC`, id)
			if err == nil {
				rec.Verifications, err = collect(rows, scanVerification)
			}
			return err
		},
		func() (err error) {
			rows, err := tx.QueryContext(ctx, `SELECT id, person_id, kind, text_zh, text_en, created_at FROM notifications WHERE person_id = ? ORDER BY created_at DESC`, id)
			if err == nil {
				rec.Notifications, err = collect(rows, scanNotification)
			}
			return err
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return Record{}, fmt.Errorf("load record of person %d: %w", id, err)
		}
	}
	return rec, nil
}

func ignoreNoRows(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	return err
}

const esscColumns = `person_id, permit_number, coalesce(ssn, ''), registered_at, real_name, authenticated_at, updated_at`

func scanESSC(r rowScanner) (domain.ESSC, error) {
	var e domain.ESSC
	var reg, auth, updated sql.NullInt64
	var state string
	err := r.Scan(&e.PersonID, &e.PermitNumber, &e.SSN, &reg, &state, &auth, &updated)
	e.RegisteredAt, e.AuthenticatedAt, e.UpdatedAt = fromMillis(reg), fromMillis(auth), fromMillis(updated)
	e.RealName = domain.RealNameState(state)
	return e, err
}

const cardColumns = `person_id, ssn, state, bank_branch, photo_receipt, applied_on, updated_at`

func scanCard(r rowScanner) (domain.PhysicalCard, error) {
	var c domain.PhysicalCard
	var state string
	var updated sql.NullInt64
	err := r.Scan(&c.PersonID, &c.SSN, &state, &c.BankBranch, &c.PhotoReceipt, &c.AppliedOn, &updated)
	c.State, c.UpdatedAt = domain.CardState(state), fromMillis(updated)
	return c, err
}

const registrationColumns = `id, person_id, permit_number, registrant, employer_uscc, registered_on,
	late, exempt, branch, status, reason, updated_at`

func scanRegistration(r rowScanner) (domain.InsuranceRegistration, error) {
	var g domain.InsuranceRegistration
	var registrant, exempt, status string
	var updated sql.NullInt64
	err := r.Scan(&g.ID, &g.PersonID, &g.PermitNumber, &registrant, &g.EmployerUSCC, &g.RegisteredOn,
		&g.Late, &exempt, &g.Branch, &status, &g.Reason, &updated)
	if err != nil {
		return g, err
	}
	g.Registrant, g.Status, g.UpdatedAt = domain.Registrant(registrant), domain.RegistrationStatus(status), fromMillis(updated)
	if err := json.Unmarshal([]byte(exempt), &g.Exempt); err != nil {
		return g, fmt.Errorf("registration %s exempt list: %w", g.ID, err)
	}
	return g, nil
}

const verificationColumns = `ref, person_id, permit_number, decision, valid_until, rules, staff_id, branch, decided_at`

func scanVerification(r rowScanner) (domain.ResidenceVerification, error) {
	var v domain.ResidenceVerification
	var decision string
	var decided sql.NullInt64
	err := r.Scan(&v.Ref, &v.PersonID, &v.PermitNumber, &decision, &v.ValidUntil, &v.Rules, &v.StaffID, &v.Branch, &decided)
	v.Decision, v.DecidedAt = domain.ResidenceDecision(decision), fromMillis(decided)
	return v, err
}

func scanNotification(r rowScanner) (domain.Notification, error) {
	var n domain.Notification
	var created sql.NullInt64
	err := r.Scan(&n.ID, &n.PersonID, &n.Kind, &n.TextZH, &n.TextEN, &created)
	n.CreatedAt = fromMillis(created)
	return n, err
}

// State returns a sync-state value, or "" when unset.
func (s *Store) State(ctx context.Context, key string) (string, error) {
	var v string
	err := s.reader.QueryRowContext(ctx, `SELECT value FROM sync_state WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// CountPersons returns how many persons the store holds.
func (s *Store) CountPersons(ctx context.Context) (int, error) {
	var n int
	err := s.reader.QueryRowContext(ctx, `SELECT count(*) FROM persons`).Scan(&n)
	return n, err
}

package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"onecard/domain"
)

const staffColumns = `id, name, role, branch, pin_hash, active, failed_logins, locked_until, updated_at`

func scanStaff(r rowScanner) (domain.Staff, error) {
	var s domain.Staff
	var role string
	var locked, updated sql.NullInt64
	err := r.Scan(&s.ID, &s.Name, &role, &s.Branch, &s.PINHash, &s.Active, &s.FailedLogins, &locked, &updated)
	s.Role, s.LockedUntil, s.UpdatedAt = domain.Role(role), fromMillis(locked), fromMillis(updated)
	return s, err
}

// Staff returns a staff account.
func (s *Store) Staff(ctx context.Context, id string) (domain.Staff, error) {
	st, err := scanStaff(s.reader.QueryRowContext(ctx, `SELECT `+staffColumns+` FROM staff WHERE id = ?`, id))
	return st, notFound(err, "staff "+id)
}

// AllStaff lists every account, by id.
func (s *Store) AllStaff(ctx context.Context) ([]domain.Staff, error) {
	rows, err := s.reader.QueryContext(ctx, `SELECT `+staffColumns+` FROM staff ORDER BY id`)
	if err != nil {
		return nil, err
	}
	return collect(rows, scanStaff)
}

// RecordLoginFailure counts a wrong PIN and, at maxFailures, locks the account until
// now+lockFor. It returns the account as it now stands.
func (w *Writer) RecordLoginFailure(ctx context.Context, id string, now time.Time, maxFailures int, lockFor time.Duration) (domain.Staff, error) {
	st, err := scanStaff(w.tx.QueryRowContext(ctx, `SELECT `+staffColumns+` FROM staff WHERE id = ?`, id))
	if err != nil {
		return st, notFound(err, "staff "+id)
	}
	st.FailedLogins++
	if st.FailedLogins >= maxFailures {
		st.LockedUntil = now.Add(lockFor).UTC()
		st.FailedLogins = 0
	}
	if _, err := w.exec(ctx, `UPDATE staff SET failed_logins = ?, locked_until = ? WHERE id = ?`,
		st.FailedLogins, millis(st.LockedUntil), id); err != nil {
		return st, fmt.Errorf("record login failure of %s: %w", id, err)
	}
	return st, nil
}

// ClearLoginFailures resets the count after a good PIN.
func (w *Writer) ClearLoginFailures(ctx context.Context, id string) error {
	if _, err := w.exec(ctx, `UPDATE staff SET failed_logins = 0, locked_until = NULL WHERE id = ?`, id); err != nil {
		return fmt.Errorf("clear login failures of %s: %w", id, err)
	}
	return nil
}

package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"onecard/domain"
	"onecard/identity"
)

// Match is one search result: the person, their current permit (if any) and what matched.
type Match struct {
	Person  domain.Person
	Permit  *domain.WorkPermit
	MatchBy identity.QueryKind
}

// Find answers the counter's single search field: a permit number, SSN, PR ID, passport
// number (optionally prefixed by nationality) or a name. Identifier lookups are exact;
// a name is matched by word prefixes in any order, with or without diacritics.
func (s *Store) Find(ctx context.Context, text string, limit int) ([]Match, identity.Query, error) {
	q := identity.ClassifyQuery(text)
	seen := map[int64]bool{}
	var out []Match
	for _, kind := range q.Kinds {
		ms, err := s.matches(ctx, q, kind, limit)
		if err != nil {
			return nil, q, fmt.Errorf("find %s: %w", kind, err)
		}
		for _, m := range ms {
			if seen[m.Person.ID] || len(out) >= limit {
				continue
			}
			seen[m.Person.ID] = true
			out = append(out, m)
		}
	}
	return out, q, nil
}

// idQueries are, per query kind, the statements that find the matching person ids, in
// the order Find lists them (index order for passports, rowid order for names); a
// limit is written into the text because SQLite re-prepares a statement on every run
// when a bound LIMIT sits in a subquery or join.
var idQueries = map[string]string{
	"permit":         `SELECT person_id FROM permits WHERE number = ?`,
	"ssn":            `SELECT person_id FROM essc WHERE ssn = ?`,
	"prid":           `SELECT id FROM persons WHERE pr_id = ?`,
	"passport":       `SELECT id FROM persons WHERE passport_number = ? LIMIT %d`,
	"passport+natio": `SELECT id FROM persons WHERE passport_number = ? AND nationality = ? LIMIT %d`,
	"name":           `SELECT rowid FROM person_names WHERE person_names MATCH ? LIMIT %d`,
}

// matchSelect reads the persons whose ids the JSON array ? lists, each with their
// permits, the one ending last first (as Permits orders them): every match of a search
// comes from one prepared statement instead of one or two per person. The ids travel
// as one JSON array so that the statement text, and its prepared plan, never change.
const matchSelect = `SELECT p.id, p.surname, p.given_names, p.chinese_name, p.nationality, p.sex,
	p.birth_date, p.passport_number, p.passport_expiry, coalesce(p.pr_id, ''), p.region, p.updated_at,
	m.number, m.person_id, m.category, m.track, m.employer_name, m.employer_uscc, m.position,
	m.region, m.valid_from, m.valid_until, m.status, m.form, m.updated_at
FROM persons p LEFT JOIN permits m ON m.person_id = p.id
WHERE p.id IN (SELECT value FROM json_each(?)) ORDER BY p.id, m.valid_until DESC`

// matches runs a query kind: the ids, then each person with their permit, every
// statement prepared once per store (Store.prepared).
func (s *Store) matches(ctx context.Context, q identity.Query, kind identity.QueryKind, limit int) ([]Match, error) {
	var name string
	var args []any
	switch kind {
	case identity.QueryPermit:
		name, args = "permit", []any{q.Text}
	case identity.QuerySSN:
		name, args = "ssn", []any{q.Text}
	case identity.QueryPRID:
		name, args = "prid", []any{q.Text}
	case identity.QueryPassport:
		if q.Nationality != "" {
			name, args = "passport+natio", []any{q.Text, q.Nationality}
		} else {
			name, args = "passport", []any{q.Text}
		}
	case identity.QueryName:
		match := nameMatchExpr(q.Text)
		if match == "" {
			return nil, nil
		}
		name, args = "name", []any{match}
	default:
		return nil, fmt.Errorf("unknown query kind %q", kind)
	}
	query := idQueries[name]
	if strings.Contains(query, "%d") {
		query = fmt.Sprintf(query, max(limit, 0))
	}
	ids, err := s.ids(ctx, query, args...)
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	st, err := s.prepared(ctx, matchSelect)
	if err != nil {
		return nil, err
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(ctx, string(list))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	found := make(map[int64]Match, len(ids))
	for rows.Next() {
		m, err := scanMatch(rows)
		if err != nil {
			return nil, err
		}
		if _, seen := found[m.Person.ID]; !seen { // the first row has the current permit
			m.MatchBy = kind
			found[m.Person.ID] = m
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]Match, 0, len(ids))
	for _, id := range ids {
		if m, ok := found[id]; ok { // a person deleted since the ids were read is skipped
			out = append(out, m)
		}
	}
	return out, nil
}

func (s *Store) ids(ctx context.Context, query string, args ...any) ([]int64, error) {
	st, err := s.prepared(ctx, query)
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// scanMatch reads a matchSelect row; a person without permits has NULL permit columns.
func scanMatch(r rowScanner) (Match, error) {
	var m Match
	var sex string
	var updated sql.NullInt64
	var pm struct {
		number, cat, track, employer, uscc, position, region, status, form sql.NullString
		person, updated                                                    sql.NullInt64
		from, until                                                        domain.Date
	}
	p := &m.Person
	err := r.Scan(&p.ID, &p.Surname, &p.GivenNames, &p.ChineseName, &p.Nationality, &sex,
		&p.BirthDate, &p.PassportNumber, &p.PassportExpiry, &p.PRID, &p.Region, &updated,
		&pm.number, &pm.person, &pm.cat, &pm.track, &pm.employer, &pm.uscc, &pm.position,
		&pm.region, &pm.from, &pm.until, &pm.status, &pm.form, &pm.updated)
	if err != nil {
		return m, err
	}
	p.Sex, p.UpdatedAt = domain.Sex(sex), fromMillis(updated)
	if pm.number.Valid {
		m.Permit = &domain.WorkPermit{
			Number: pm.number.String, PersonID: pm.person.Int64, Category: domain.PermitCategory(pm.cat.String),
			Track: domain.PermitTrack(pm.track.String), EmployerName: pm.employer.String,
			EmployerUSCC: pm.uscc.String, Position: pm.position.String, Region: pm.region.String,
			ValidFrom: pm.from, ValidUntil: pm.until, Status: domain.PermitStatus(pm.status.String),
			Form: domain.PermitForm(pm.form.String), UpdatedAt: fromMillis(pm.updated),
		}
	}
	return m, nil
}

// nameMatchExpr turns typed words into an FTS5 query: every word must start a token,
// in any of its spellings (identity.SearchTerms). Terms are quoted, so no input can
// inject FTS5 syntax.
func nameMatchExpr(text string) string {
	var groups []string
	for _, term := range identity.SearchTerms(text) {
		alts := make([]string, len(term))
		for i, t := range term {
			alts[i] = `"` + strings.ReplaceAll(t, `"`, `""`) + `"*`
		}
		if len(alts) == 1 {
			groups = append(groups, alts[0])
		} else {
			groups = append(groups, "("+strings.Join(alts, " OR ")+")")
		}
	}
	return strings.Join(groups, " AND ")
}

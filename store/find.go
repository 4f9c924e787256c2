package store

import (
	"context"
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
		ids, err := s.idsFor(ctx, q, kind, limit)
		if err != nil {
			return nil, q, fmt.Errorf("find %s: %w", kind, err)
		}
		for _, id := range ids {
			if seen[id] || len(out) >= limit {
				continue
			}
			seen[id] = true
			m, err := s.match(ctx, id, kind)
			if err != nil {
				return nil, q, err
			}
			out = append(out, m)
		}
	}
	return out, q, nil
}

func (s *Store) idsFor(ctx context.Context, q identity.Query, kind identity.QueryKind, limit int) ([]int64, error) {
	switch kind {
	case identity.QueryPermit:
		return s.ids(ctx, `SELECT person_id FROM permits WHERE number = ?`, q.Text)
	case identity.QuerySSN:
		return s.ids(ctx, `SELECT person_id FROM essc WHERE ssn = ?`, q.Text)
	case identity.QueryPRID:
		return s.ids(ctx, `SELECT id FROM persons WHERE pr_id = ?`, q.Text)
	case identity.QueryPassport:
		if q.Nationality != "" {
			return s.ids(ctx, `SELECT id FROM persons WHERE passport_number = ? AND nationality = ? LIMIT ?`, q.Text, q.Nationality, limit)
		}
		return s.ids(ctx, `SELECT id FROM persons WHERE passport_number = ? LIMIT ?`, q.Text, limit)
	case identity.QueryName:
		match := nameMatchExpr(q.Text)
		if match == "" {
			return nil, nil
		}
		return s.ids(ctx, `SELECT rowid FROM person_names WHERE person_names MATCH ? LIMIT ?`, match, limit)
	}
	return nil, fmt.Errorf("unknown query kind %q", kind)
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

func (s *Store) ids(ctx context.Context, query string, args ...any) ([]int64, error) {
	rows, err := s.reader.QueryContext(ctx, query, args...)
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

func (s *Store) match(ctx context.Context, id int64, kind identity.QueryKind) (Match, error) {
	p, err := s.Person(ctx, id)
	if err != nil {
		return Match{}, err
	}
	m := Match{Person: p, MatchBy: kind}
	pm, err := scanPermit(s.reader.QueryRowContext(ctx, `SELECT `+permitColumns+` FROM permits
		WHERE person_id = ? ORDER BY valid_until DESC LIMIT 1`, id))
	if err = ignoreNoRows(err); err != nil {
		return Match{}, err
	}
	if pm.Number != "" {
		m.Permit = &pm
	}
	return m, nil
}

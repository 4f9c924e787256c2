package central

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"onecard/domain"
)

// Feed record types of the work-management system's permit lifecycle feed.
const (
	FeedApplication  = "application"
	FeedExtension    = "extension"
	FeedChange       = "change"
	FeedCancellation = "cancellation"
	FeedRevocation   = "revocation"
)

// FeedRecord is one line of the feed (JSON lines).
type FeedRecord struct {
	Type   string            `json:"type"`
	Permit domain.WorkPermit `json:"permit"`           // the permit as the feed now states it
	Person *domain.Person    `json:"person,omitempty"` // application: the holder, new or known
	// CredentialID, on a revocation, also revokes one issued credential (trust bundle).
	CredentialID string `json:"credential_id,omitempty"`
}

// FeedStats counts what an import applied.
type FeedStats struct {
	Lines             int            `json:"lines"`
	ByType            map[string]int `json:"by_type"`
	TurnedDigital     int            `json:"turned_electronic"` // legacy physical permits made electronic
	BundleRepublished bool           `json:"bundle_republished"`
}

// feedBatch is how many feed lines commit together; every record is a "set", so
// importing the same feed again after a failure changes nothing twice.
const feedBatch = 1000

// ImportFeed applies the permit lifecycle feed. It stops at the first bad line and
// names it; the lines before it stay applied. When an applied line revoked a credential,
// the trust bundle is republished even if a later line failed: a revocation must reach
// the terminals whatever else the feed held.
func (db *DB) ImportFeed(ctx context.Context, k *Keys, r io.Reader, now time.Time) (FeedStats, error) {
	st, revoked, err := db.importFeed(ctx, r, now)
	if revoked {
		if perr := db.Update(ctx, func(t *Tx) error { return t.PublishBundle(ctx, k, now) }); perr != nil {
			return st, errors.Join(err, perr)
		}
		st.BundleRepublished = true
	}
	return st, err
}

// importFeed applies the lines and reports whether any applied line revoked a credential.
func (db *DB) importFeed(ctx context.Context, r io.Reader, now time.Time) (st FeedStats, revoked bool, err error) {
	st = FeedStats{ByType: map[string]int{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	var batch []FeedRecord
	var lines []int // the feed line of each batch record
	line := 0
	// apply writes recs in one transaction and counts them only once it commits; on a
	// bad record it returns that record's index.
	apply := func(recs []FeedRecord) (bad int, err error) {
		bad = -1
		turnedN, rev, byType := 0, false, map[string]int{}
		err = db.Update(ctx, func(t *Tx) error {
			for i, rec := range recs {
				turned, r, err := t.applyFeed(ctx, rec, now)
				if err != nil {
					bad = i
					return fmt.Errorf("feed line %d: %w", lines[i], err)
				}
				if turned {
					turnedN++
				}
				rev = rev || r
				byType[rec.Type]++
			}
			return nil
		})
		if err == nil {
			st.TurnedDigital += turnedN
			revoked = revoked || rev
			for k, n := range byType {
				st.ByType[k] += n
			}
		}
		return bad, err
	}
	flush := func() error {
		bad, err := apply(batch)
		if bad > 0 {
			// The bad record rolled back its whole batch: the lines before it stay applied.
			if _, perr := apply(batch[:bad]); perr != nil {
				err = perr
			}
		}
		batch, lines = batch[:0], lines[:0]
		return err
	}
	for sc.Scan() {
		line++
		if len(sc.Bytes()) == 0 {
			continue
		}
		var rec FeedRecord
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			if ferr := flush(); ferr != nil {
				return st, revoked, ferr
			}
			return st, revoked, fmt.Errorf("feed line %d: %w", line, err)
		}
		batch, lines = append(batch, rec), append(lines, line)
		if len(batch) == feedBatch {
			if err := flush(); err != nil {
				return st, revoked, err
			}
		}
	}
	if err := sc.Err(); err != nil {
		return st, revoked, err
	}
	if err := flush(); err != nil {
		return st, revoked, err
	}
	st.Lines = line
	return st, revoked, nil
}

// applyFeed applies one record; it reports whether a legacy physical permit turned
// electronic and whether a credential was revoked.
func (t *Tx) applyFeed(ctx context.Context, rec FeedRecord, now time.Time) (turned, revoked bool, err error) {
	in := rec.Permit
	if rec.Type == FeedApplication {
		return false, false, t.feedApplication(ctx, rec, now)
	}
	p, err := t.Permit(ctx, in.Number)
	if errors.Is(err, ErrNotFound) {
		return false, false, fmt.Errorf("%s of unknown permit %s", rec.Type, in.Number)
	}
	if err != nil {
		return false, false, err
	}
	switch rec.Type {
	case FeedExtension:
		if !in.ValidUntil.After(p.ValidUntil) {
			return false, false, fmt.Errorf("extension of %s to %s does not extend %s", p.Number, in.ValidUntil, p.ValidUntil)
		}
		p.ValidUntil, p.Status = in.ValidUntil, domain.PermitValid
		turned = noChangeRule(&p)
	case FeedChange:
		if err := t.feedChange(ctx, &p, in, now); err != nil {
			return false, false, err
		}
		turned = noChangeRule(&p)
	case FeedCancellation:
		p.Status = domain.PermitCancelled
	case FeedRevocation:
		p.Status = domain.PermitRevoked
		if rec.CredentialID != "" {
			if err := t.Revoke(ctx, RevokeCredential, rec.CredentialID, now); err != nil {
				return false, false, err
			}
			revoked = true
		}
	default:
		return false, false, fmt.Errorf("unknown record type %q", rec.Type)
	}
	p.UpdatedAt = now.UTC()
	return turned, revoked, t.PutPermit(ctx, p)
}

// noChangeRule: "no change, no replacement" (HRSS [2024] No. 75): a legacy physical
// permit stays physical until its next extension or change, which makes it electronic.
func noChangeRule(p *domain.WorkPermit) bool {
	if p.Form != domain.FormPhysicalLegacy {
		return false
	}
	p.Form = domain.FormElectronic
	return true
}

func (t *Tx) feedApplication(ctx context.Context, rec FeedRecord, now time.Time) error {
	p := rec.Permit
	if rec.Person != nil {
		person := *rec.Person
		person.Region, person.UpdatedAt = p.Region, now.UTC()
		if err := t.PutPerson(ctx, person); err != nil {
			return err
		}
	} else if err := t.movePerson(ctx, p.PersonID, p.Region, now); err != nil {
		return err
	}
	// Every permit issued since 2024-12-01 lives in the e-SSC.
	p.Form, p.Status, p.UpdatedAt = domain.FormElectronic, domain.PermitValid, now.UTC()
	return t.PutPermit(ctx, p)
}

// feedChange takes the changed fields; a new work region moves the holder there.
func (t *Tx) feedChange(ctx context.Context, p *domain.WorkPermit, in domain.WorkPermit, now time.Time) error {
	if in.EmployerName != "" {
		p.EmployerName, p.EmployerUSCC = in.EmployerName, in.EmployerUSCC
	}
	if in.Position != "" {
		p.Position = in.Position
	}
	if in.Category != "" {
		p.Category = in.Category
	}
	if in.Region != "" && in.Region != p.Region {
		p.Region = in.Region
		if err := t.movePerson(ctx, p.PersonID, in.Region, now); err != nil {
			return err
		}
	}
	return nil
}

// movePerson sets a known person's work region (the sync scope).
func (t *Tx) movePerson(ctx context.Context, id int64, region string, now time.Time) error {
	person, err := t.Person(ctx, id)
	if err != nil {
		return err
	}
	if person.Region == region {
		return nil
	}
	person.Region, person.UpdatedAt = region, now.UTC()
	return t.PutPerson(ctx, person)
}

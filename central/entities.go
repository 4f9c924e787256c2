package central

import (
	"context"
	"fmt"
	"strconv"

	"onecard/domain"
	"onecard/sync"
)

// The Put methods make Tx a demodata.Sink: central is where records are born.

// PutPerson records a person in its region; a person whose region changed leaves its
// old region (with every linked record).
func (t *Tx) PutPerson(ctx context.Context, p domain.Person) error {
	if err := p.Validate(); err != nil {
		return fmt.Errorf("person %d: %w", p.ID, err)
	}
	t.scopes[p.ID] = p.Region
	return t.put(ctx, entity{kind: sync.KindPerson, key: personKey(p.ID), scope: p.Region, personID: p.ID, doc: p})
}

func personKey(id int64) string { return strconv.FormatInt(id, 10) }

// personScope is the region a person's linked records are sent to.
func (t *Tx) personScope(ctx context.Context, id int64) (string, error) {
	if s, ok := t.scopes[id]; ok {
		return s, nil
	}
	s, err := t.liveScope(ctx, sync.KindPerson, personKey(id))
	if err != nil {
		return "", err
	}
	if s == "" {
		return "", fmt.Errorf("person %d: %w", id, ErrNotFound)
	}
	t.scopes[id] = s
	return s, nil
}

// putLinked records an entity that belongs to a person and travels with them.
func (t *Tx) putLinked(ctx context.Context, kind, key string, personID int64, due string, doc any) error {
	scope, err := t.personScope(ctx, personID)
	if err != nil {
		return fmt.Errorf("%s %s: %w", kind, key, err)
	}
	return t.put(ctx, entity{kind: kind, key: key, scope: scope, personID: personID, due: due, doc: doc})
}

// PutPermit records a work permit.
func (t *Tx) PutPermit(ctx context.Context, p domain.WorkPermit) error {
	if err := p.Validate(); err != nil {
		return fmt.Errorf("permit %s: %w", p.Number, err)
	}
	due := ""
	if p.Status == domain.PermitValid {
		due = p.ValidUntil.String()
	}
	return t.putLinked(ctx, sync.KindPermit, p.Number, p.PersonID, due, p)
}

// PutESSC records a person's e-SSC.
func (t *Tx) PutESSC(ctx context.Context, e domain.ESSC) error {
	if err := e.Validate(); err != nil {
		return fmt.Errorf("e-SSC of person %d: %w", e.PersonID, err)
	}
	return t.putLinked(ctx, sync.KindESSC, personKey(e.PersonID), e.PersonID, "", e)
}

// PutCard records a person's physical card.
func (t *Tx) PutCard(ctx context.Context, c domain.PhysicalCard) error {
	if err := c.Validate(); err != nil {
		return fmt.Errorf("card of person %d: %w", c.PersonID, err)
	}
	return t.putLinked(ctx, sync.KindCard, personKey(c.PersonID), c.PersonID, "", c)
}

// PutRegistration records an insurance registration.
func (t *Tx) PutRegistration(ctx context.Context, r domain.InsuranceRegistration) error {
	if err := r.Validate(); err != nil {
		return fmt.Errorf("registration %s: %w", r.ID, err)
	}
	return t.putLinked(ctx, sync.KindRegistration, r.ID, r.PersonID, "", r)
}

// PutVerification records a residence-permit decision.
func (t *Tx) PutVerification(ctx context.Context, v domain.ResidenceVerification) error {
	if v.Ref == "" || v.PersonID <= 0 {
		return fmt.Errorf("residence verification %q: %w", v.Ref, domain.ErrRequired)
	}
	return t.putLinked(ctx, sync.KindVerification, v.Ref, v.PersonID, "", v)
}

// PutNotification records a notice to a holder.
func (t *Tx) PutNotification(ctx context.Context, n domain.Notification) error {
	if n.ID == "" || n.PersonID <= 0 {
		return fmt.Errorf("notification %q: %w", n.ID, domain.ErrRequired)
	}
	return t.putLinked(ctx, sync.KindNotification, n.ID, n.PersonID, "", n)
}

// PutStaff records a staff account; only its branch's terminals receive it.
func (t *Tx) PutStaff(ctx context.Context, s domain.Staff) error {
	if err := s.Validate(); err != nil {
		return fmt.Errorf("staff %s: %w", s.ID, err)
	}
	return t.put(ctx, entity{kind: sync.KindStaff, key: s.ID, scope: sync.BranchScope(s.Branch), doc: s})
}

// Person reads a person.
func (t *Tx) Person(ctx context.Context, id int64) (domain.Person, error) {
	var p domain.Person
	_, err := t.get(ctx, sync.KindPerson, personKey(id), &p)
	return p, err
}

// Permit reads a permit.
func (t *Tx) Permit(ctx context.Context, number string) (domain.WorkPermit, error) {
	var p domain.WorkPermit
	_, err := t.get(ctx, sync.KindPermit, number, &p)
	return p, err
}

// ESSC reads a person's e-SSC.
func (t *Tx) ESSC(ctx context.Context, personID int64) (domain.ESSC, error) {
	var e domain.ESSC
	_, err := t.get(ctx, sync.KindESSC, personKey(personID), &e)
	return e, err
}

// PutSetting publishes a setting document (the residence rules, the agreement list) to
// every branch. doc is marshalled to JSON as it is.
func (t *Tx) PutSetting(ctx context.Context, name string, doc any) error {
	if name == "" {
		return fmt.Errorf("setting: no name")
	}
	return t.put(ctx, entity{kind: sync.KindSetting, key: name, scope: sync.National, doc: doc})
}

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
	return putNew(ctx, t, personEntity, p)
}

// PutPermit records a work permit.
func (t *Tx) PutPermit(ctx context.Context, p domain.WorkPermit) error {
	return putNew(ctx, t, permitEntity, p)
}

// PutESSC records a person's e-SSC.
func (t *Tx) PutESSC(ctx context.Context, e domain.ESSC) error {
	return putNew(ctx, t, esscEntity, e)
}

// PutCard records a person's physical card.
func (t *Tx) PutCard(ctx context.Context, c domain.PhysicalCard) error {
	return putNew(ctx, t, cardEntity, c)
}

// PutRegistration records an insurance registration.
func (t *Tx) PutRegistration(ctx context.Context, r domain.InsuranceRegistration) error {
	return putNew(ctx, t, registrationEntity, r)
}

// The records a population is made of, validated, as entities. Linked records get
// their person's scope when they are put (putEntity).

func personEntity(p domain.Person) (entity, error) {
	if err := p.Validate(); err != nil {
		return entity{}, fmt.Errorf("person %d: %w", p.ID, err)
	}
	return entity{kind: sync.KindPerson, key: personKey(p.ID), scope: p.Region, personID: p.ID, doc: p}, nil
}

func permitEntity(p domain.WorkPermit) (entity, error) {
	if err := p.Validate(); err != nil {
		return entity{}, fmt.Errorf("permit %s: %w", p.Number, err)
	}
	due := ""
	if p.Status == domain.PermitValid {
		due = p.ValidUntil.String()
	}
	return entity{kind: sync.KindPermit, key: p.Number, personID: p.PersonID, due: due, doc: p}, nil
}

func esscEntity(e domain.ESSC) (entity, error) {
	if err := e.Validate(); err != nil {
		return entity{}, fmt.Errorf("e-SSC of person %d: %w", e.PersonID, err)
	}
	return entity{kind: sync.KindESSC, key: personKey(e.PersonID), personID: e.PersonID, doc: e}, nil
}

func cardEntity(c domain.PhysicalCard) (entity, error) {
	if err := c.Validate(); err != nil {
		return entity{}, fmt.Errorf("card of person %d: %w", c.PersonID, err)
	}
	return entity{kind: sync.KindCard, key: personKey(c.PersonID), personID: c.PersonID, doc: c}, nil
}

func registrationEntity(r domain.InsuranceRegistration) (entity, error) {
	if err := r.Validate(); err != nil {
		return entity{}, fmt.Errorf("registration %s: %w", r.ID, err)
	}
	return entity{kind: sync.KindRegistration, key: r.ID, personID: r.PersonID, doc: r}, nil
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

// putNew puts the entity that newEntity makes of v.
func putNew[T any](ctx context.Context, t *Tx, newEntity func(T) (entity, error), v T) error {
	e, err := newEntity(v)
	if err != nil {
		return err
	}
	return t.putEntity(ctx, e)
}

// putEntity puts an entity: a person's scope is remembered for its linked records, and
// a linked record without a scope gets its person's.
func (t *Tx) putEntity(ctx context.Context, e entity) error {
	var err error
	switch {
	case e.kind == sync.KindPerson:
		t.scopes[e.personID] = e.scope
	case e.scope == "":
		if e.scope, err = t.personScope(ctx, e.personID); err != nil {
			return fmt.Errorf("%s %s: %w", e.kind, e.key, err)
		}
	}
	return t.put(ctx, e)
}

// putLinked records an entity that belongs to a person and travels with them.
func (t *Tx) putLinked(ctx context.Context, kind, key string, personID int64, due string, doc any) error {
	return t.putEntity(ctx, entity{kind: kind, key: key, personID: personID, due: due, doc: doc})
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

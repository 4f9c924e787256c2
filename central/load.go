package central

import (
	"context"
	"errors"
	"time"

	"onecard/domain"
	"onecard/sync"
)

// LoadBatch gathers records for a fresh load (DB.Load, Tx.PutLoadBatch), validated
// and encoded as they are added. Building it is most of a load's work outside SQLite,
// and needs no transaction: a seed builds the next batch on the goroutine that
// generates the holders while the writer writes the current one. Its Put methods make
// it a demodata.Sink.
type LoadBatch struct {
	entities []entity
	scopes   map[int64]string // the regions of the batch's persons, for their records
}

// PutPerson adds a person.
func (b *LoadBatch) PutPerson(_ context.Context, p domain.Person) error {
	return addNew(b, personEntity, p)
}

// PutPermit adds a work permit.
func (b *LoadBatch) PutPermit(_ context.Context, p domain.WorkPermit) error {
	return addNew(b, permitEntity, p)
}

// PutESSC adds an e-SSC.
func (b *LoadBatch) PutESSC(_ context.Context, e domain.ESSC) error { return addNew(b, esscEntity, e) }

// PutCard adds a physical card.
func (b *LoadBatch) PutCard(_ context.Context, c domain.PhysicalCard) error {
	return addNew(b, cardEntity, c)
}

// PutRegistration adds an insurance registration.
func (b *LoadBatch) PutRegistration(_ context.Context, r domain.InsuranceRegistration) error {
	return addNew(b, registrationEntity, r)
}

// RemindLoaded adds the expiry reminders due on today for a permit of the batch, as
// Remind would make them afterwards: a fresh load cannot hold any yet, so the load
// makes them with the permit instead of Remind searching the whole change log.
func (b *LoadBatch) RemindLoaded(p domain.WorkPermit, today domain.Date, now time.Time) error {
	if p.Status != domain.PermitValid {
		return nil
	}
	for _, r := range dueReminders(p.Number, p.ValidUntil, today) {
		if err := b.add(reminderEntity(p.Number, p.PersonID, b.scopes[p.PersonID], p.ValidUntil, r, now)); err != nil {
			return err
		}
	}
	return nil
}

func addNew[T any](b *LoadBatch, newEntity func(T) (entity, error), v T) error {
	e, err := newEntity(v)
	if err != nil {
		return err
	}
	return b.add(e)
}

// add encodes e and gives a linked record its person's scope when the person is in
// the batch; otherwise the put finds it (Tx.putEntity).
func (b *LoadBatch) add(e entity) error {
	if b.scopes == nil {
		b.scopes = map[int64]string{}
	}
	switch {
	case e.kind == sync.KindPerson:
		b.scopes[e.personID] = e.scope
	case e.scope == "":
		e.scope = b.scopes[e.personID]
	}
	var err error
	if e.encoded, err = e.encode(); err != nil {
		return err
	}
	b.entities = append(b.entities, e)
	return nil
}

// PutLoadBatch writes a batch in a fresh load. A batch's reminders were made without
// looking for existing ones, so it is refused in any other transaction.
func (t *Tx) PutLoadBatch(ctx context.Context, b *LoadBatch) error {
	if !t.fresh {
		return errors.New("a load batch outside a fresh load (DB.Load)")
	}
	for _, e := range b.entities {
		if err := t.putEntity(ctx, e); err != nil {
			return err
		}
	}
	return nil
}

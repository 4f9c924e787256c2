package central

import (
	"context"
	"errors"
	"time"

	"onecard/domain"
	"onecard/insurance"
	"onecard/sync"
)

// PutCardEvent records one line of a card's history; it travels with the person.
func (t *Tx) PutCardEvent(ctx context.Context, e insurance.CardEvent) error {
	if err := e.Validate(); err != nil {
		return err
	}
	return t.putLinked(ctx, sync.KindCardEvent, e.ID, e.PersonID, "", e)
}

// card reads a person's physical card, or nil when they have none.
func (t *Tx) card(ctx context.Context, personID int64) (*domain.PhysicalCard, error) {
	var c domain.PhysicalCard
	_, err := t.get(ctx, sync.KindCard, personKey(personID), &c)
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// applyCardApplication creates a not-yet-activated card for a person with an SSN and no
// live card, checked on central's records.
func applyCardApplication(ctx context.Context, t *Tx, term Terminal, payload []byte, now time.Time) error {
	var ev sync.EventCardApplication
	if err := decodePayload(payload, &ev); err != nil {
		return refuseFor(insurance.ReasonMalformed, "%v", err)
	}
	if ev.Ref == "" || ev.PersonID <= 0 || ev.At.IsZero() || ev.StaffID == "" {
		return refuseFor(insurance.ReasonMalformed, "card application needs ref, person_id, at and staff_id")
	}
	if _, err := t.insuranceSubject(ctx, term, ev.PersonID); err != nil {
		return err
	}
	if err := t.serialize(ctx); err != nil {
		return err
	}
	ssn := ""
	switch e, err := t.ESSC(ctx, ev.PersonID); {
	case err == nil:
		ssn = e.SSN
	case !errors.Is(err, ErrNotFound):
		return err
	}
	cur, err := t.card(ctx, ev.PersonID)
	if err != nil {
		return err
	}
	if r := insurance.CheckCardApplication(ssn, cur, insurance.CardApplication{PhotoReceipt: ev.PhotoReceipt, BankBranch: ev.BankBranch}); r != "" {
		return refuseFor(r, "card application %s of person %d", ev.Ref, ev.PersonID)
	}
	c := domain.PhysicalCard{PersonID: ev.PersonID, SSN: ssn, State: domain.CardNotActivated, BankBranch: ev.BankBranch,
		PhotoReceipt: ev.PhotoReceipt, AppliedOn: domain.DateOf(ev.At), UpdatedAt: now.UTC()}
	if err := t.PutCard(ctx, c); err != nil {
		return err
	}
	return t.PutCardEvent(ctx, insurance.CardEvent{ID: insurance.CardEventID(ev.PersonID, ev.Ref), PersonID: ev.PersonID,
		Ref: ev.Ref, Action: insurance.ActionApply, To: c.State, At: ev.At, Branch: term.Branch, StaffID: ev.StaffID})
}

// applyCardAction moves a card to its next state. The counter confirmed the action on
// the state it saw; when central's state has moved on (another branch acted first) the
// action is refused rather than applied to a state the clerk never confirmed.
func applyCardAction(ctx context.Context, t *Tx, term Terminal, payload []byte, now time.Time) error {
	var ev sync.EventCardAction
	if err := decodePayload(payload, &ev); err != nil {
		return refuseFor(insurance.ReasonMalformed, "%v", err)
	}
	if ev.Ref == "" || ev.PersonID <= 0 || ev.At.IsZero() || ev.StaffID == "" {
		return refuseFor(insurance.ReasonMalformed, "card action needs ref, person_id, at and staff_id")
	}
	if _, err := t.insuranceSubject(ctx, term, ev.PersonID); err != nil {
		return err
	}
	if err := t.serialize(ctx); err != nil {
		return err
	}
	c, err := t.card(ctx, ev.PersonID)
	if err != nil {
		return err
	}
	if c == nil {
		return refuseFor(insurance.ReasonNoCard, "person %d", ev.PersonID)
	}
	if c.State != ev.From {
		return refuseFor(insurance.ReasonCardTransition, "%s: the card is %s at central, the counter saw %s", ev.Action, c.State, ev.From)
	}
	to, err := insurance.NextCardState(c.State, ev.Action)
	if err != nil {
		return refuseFor(insurance.ReasonCardTransition, "%v", err)
	}
	from := c.State
	c.State, c.UpdatedAt = to, now.UTC()
	if err := t.PutCard(ctx, *c); err != nil {
		return err
	}
	return t.PutCardEvent(ctx, insurance.CardEvent{ID: insurance.CardEventID(ev.PersonID, ev.Ref), PersonID: ev.PersonID,
		Ref: ev.Ref, Action: ev.Action, From: from, To: to, At: ev.At, Branch: term.Branch, StaffID: ev.StaffID})
}

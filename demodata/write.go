package demodata

import (
	"context"

	"onecard/domain"
)

// Sink takes generated records: a store's writer, or central's.
type Sink interface {
	PutPerson(ctx context.Context, p domain.Person) error
	PutPermit(ctx context.Context, p domain.WorkPermit) error
	PutESSC(ctx context.Context, e domain.ESSC) error
	PutRegistration(ctx context.Context, r domain.InsuranceRegistration) error
	PutCard(ctx context.Context, c domain.PhysicalCard) error
}

// WriteTo puts the holder's records into s.
func (h Holder) WriteTo(ctx context.Context, s Sink) error {
	if err := s.PutPerson(ctx, h.Person); err != nil {
		return err
	}
	if err := s.PutPermit(ctx, h.Permit); err != nil {
		return err
	}
	if h.ESSC != nil {
		if err := s.PutESSC(ctx, *h.ESSC); err != nil {
			return err
		}
	}
	if h.Registration != nil {
		if err := s.PutRegistration(ctx, *h.Registration); err != nil {
			return err
		}
	}
	if h.Card != nil {
		return s.PutCard(ctx, *h.Card)
	}
	return nil
}

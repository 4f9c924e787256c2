package insurance

import (
	"errors"
	"testing"
	"time"

	"onecard/domain"
)

func TestRejectionRoundTrip(t *testing.T) {
	for _, r := range Reasons() {
		got, ok := ParseRejection(Rejection(r, "permit 310000W00000000007 registered as REG-T1-3"))
		if !ok || got != r {
			t.Errorf("%s: parsed %q, %v", r, got, ok)
		}
		if got, ok := ParseRejection(Rejection(r, "")); !ok || got != r {
			t.Errorf("%s without detail: parsed %q, %v", r, got, ok)
		}
	}
	for _, s := range []string{"person 9 is not known to central", "", "unknown event kind \"x\""} {
		if r, ok := ParseRejection(s); ok {
			t.Errorf("%q parsed as reason %q", s, r)
		}
	}
}

func TestCardEventValidate(t *testing.T) {
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	ok := CardEvent{ID: CardEventID(7, "CARD-T1-1"), PersonID: 7, Ref: "CARD-T1-1", Action: ActionApply, To: domain.CardNotActivated, At: at}
	if err := ok.Validate(); err != nil {
		t.Fatalf("application: %v", err)
	}
	freeze := ok
	freeze.Action, freeze.From, freeze.To = ActionFreeze, domain.CardNormal, domain.CardFrozen
	if err := freeze.Validate(); err != nil {
		t.Fatalf("freeze: %v", err)
	}
	bad := freeze
	bad.From = domain.CardCancelled
	if err := bad.Validate(); !errors.Is(err, ErrCardTransition) {
		t.Errorf("freeze of a cancelled card: %v", err)
	}
	noID := ok
	noID.ID = ""
	if err := noID.Validate(); !errors.Is(err, domain.ErrRequired) {
		t.Errorf("no id: %v", err)
	}
}

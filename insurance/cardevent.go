package insurance

import (
	"fmt"
	"time"

	"onecard/domain"
)

// ActionApply is the card history's first entry: the application that created the card.
// It is not a CardAction because no card state allows it; CheckCardApplication decides.
const ActionApply CardAction = "apply"

// CardEvent is one line of a physical card's history as central recorded it: what was
// done, the state before and after, and where. Central publishes it with the person's
// records, so the branch that holds the person shows the history offline.
type CardEvent struct {
	ID       string           `json:"id"` // <person id>-<the branch's reference>, unique across branches
	PersonID int64            `json:"person_id"`
	Ref      string           `json:"ref"` // the branch's reference of the request
	Action   CardAction       `json:"action"`
	From     domain.CardState `json:"from,omitempty"` // empty for an application
	To       domain.CardState `json:"to"`
	At       time.Time        `json:"at"`
	Branch   string           `json:"branch"`
	StaffID  string           `json:"staff_id"`
}

// CardEventID names the history line of a branch request about a person's card.
func CardEventID(personID int64, ref string) string { return fmt.Sprintf("%d-%s", personID, ref) }

// Validate checks what the kiosk's history table and central need.
func (e CardEvent) Validate() error {
	if e.ID == "" || e.PersonID <= 0 || e.Ref == "" || e.At.IsZero() {
		return fmt.Errorf("card event %q: id, person_id, ref and at: %w", e.ID, domain.ErrRequired)
	}
	if e.Action != ActionApply {
		if _, err := NextCardState(e.From, e.Action); err != nil {
			return fmt.Errorf("card event %s: %w", e.ID, err)
		}
	}
	return domain.PhysicalCard{PersonID: e.PersonID, State: e.To}.Validate()
}

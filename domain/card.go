package domain

import "time"

// CardState is a physical social security card's state (DESIGN.md section 2).
type CardState string

const (
	CardNotActivated CardState = "not_activated" // 未激活
	CardNormal       CardState = "normal"        // 正常
	CardWrittenLoss  CardState = "written_loss"  // 书面挂失
	CardOralLoss     CardState = "oral_loss"     // 口头挂失
	CardFrozen       CardState = "frozen"        // 冻结
	CardCancelled    CardState = "cancelled"     // 注销
)

// CardStates lists the states in their usual order.
func CardStates() []CardState {
	return []CardState{CardNotActivated, CardNormal, CardWrittenLoss, CardOralLoss, CardFrozen, CardCancelled}
}

// PhysicalCard is a person's physical social security card.
type PhysicalCard struct {
	PersonID     int64     `json:"person_id"`
	SSN          string    `json:"ssn"`
	State        CardState `json:"state"`
	BankBranch   string    `json:"bank_branch,omitempty"`
	PhotoReceipt string    `json:"photo_receipt,omitempty"`
	AppliedOn    Date      `json:"applied_on"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// Validate checks the state.
func (c PhysicalCard) Validate() error {
	var person error
	if c.PersonID <= 0 {
		person = invalid("person_id", c.PersonID, ErrRequired)
	}
	return firstErr(person, oneOf("card_state", c.State, CardStates()...))
}

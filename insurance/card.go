package insurance

import (
	"errors"
	"fmt"
	"strings"

	"onecard/domain"
)

// CardAction is something the counter does to a physical social security card.
type CardAction string

const (
	ActionActivate          CardAction = "activate"            // issued to the holder: 未激活 -> 正常
	ActionReportOralLoss    CardAction = "report_oral_loss"    // 口头挂失, temporary
	ActionReportWrittenLoss CardAction = "report_written_loss" // 书面挂失
	ActionLiftLoss          CardAction = "lift_loss"           // the card was found
	ActionFreeze            CardAction = "freeze"
	ActionUnfreeze          CardAction = "unfreeze"
	ActionCancel            CardAction = "cancel" // 注销: final
)

// CardActions lists every action.
func CardActions() []CardAction {
	return []CardAction{ActionActivate, ActionReportOralLoss, ActionReportWrittenLoss, ActionLiftLoss,
		ActionFreeze, ActionUnfreeze, ActionCancel}
}

// ErrCardTransition refuses an action the card's state does not allow.
var ErrCardTransition = errors.New("card transition not allowed")

// NextCardState returns the state action leads to from from. An oral report may be
// confirmed in writing; either loss report is lifted when the card turns up; a
// cancelled card allows nothing (the holder applies for a new one).
func NextCardState(from domain.CardState, action CardAction) (domain.CardState, error) {
	to, ok := cardTransitions(from)[action]
	if !ok {
		return from, fmt.Errorf("%w: %s from %s", ErrCardTransition, action, from)
	}
	return to, nil
}

// AllowedCardActions lists what the counter may do to a card in state s.
func AllowedCardActions(s domain.CardState) []CardAction {
	var out []CardAction
	for _, a := range CardActions() {
		if _, ok := cardTransitions(s)[a]; ok {
			out = append(out, a)
		}
	}
	return out
}

func cardTransitions(s domain.CardState) map[CardAction]domain.CardState {
	switch s {
	case domain.CardNotActivated:
		return map[CardAction]domain.CardState{ActionActivate: domain.CardNormal,
			ActionReportOralLoss: domain.CardOralLoss, ActionReportWrittenLoss: domain.CardWrittenLoss,
			ActionCancel: domain.CardCancelled}
	case domain.CardNormal:
		return map[CardAction]domain.CardState{ActionReportOralLoss: domain.CardOralLoss,
			ActionReportWrittenLoss: domain.CardWrittenLoss, ActionFreeze: domain.CardFrozen,
			ActionCancel: domain.CardCancelled}
	case domain.CardOralLoss:
		return map[CardAction]domain.CardState{ActionReportWrittenLoss: domain.CardWrittenLoss,
			ActionLiftLoss: domain.CardNormal, ActionCancel: domain.CardCancelled}
	case domain.CardWrittenLoss:
		return map[CardAction]domain.CardState{ActionLiftLoss: domain.CardNormal, ActionCancel: domain.CardCancelled}
	case domain.CardFrozen:
		return map[CardAction]domain.CardState{ActionUnfreeze: domain.CardNormal, ActionCancel: domain.CardCancelled}
	}
	return nil
}

// CardApplication is a request for a physical card.
type CardApplication struct {
	PhotoReceipt string
	BankBranch   string
}

// CheckCardApplication says whether a person may apply for a physical card: they need
// an SSN, no card that is still alive, and the application's details.
func CheckCardApplication(ssn string, current *domain.PhysicalCard, app CardApplication) Reason {
	switch {
	case ssn == "":
		return ReasonNoSSN
	case current != nil && current.State != domain.CardCancelled:
		return ReasonCardExists
	case strings.TrimSpace(app.PhotoReceipt) == "" || strings.TrimSpace(app.BankBranch) == "":
		return ReasonApplicationMissing
	}
	return ""
}

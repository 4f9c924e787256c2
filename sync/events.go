package sync

import (
	"time"

	"onecard/domain"
	"onecard/insurance"
	"onecard/store"
)

// Event kinds a branch pushes. Adding a kind: a payload type here, and one handler in
// central's event table (central/events.go).
const (
	EventKindRealName     = "realname"            // EventRealName
	EventKindVerification = "verification"        // EventVerification
	EventKindAudit        = store.OutboxKindAudit // EventAudit
	EventKindScan         = "scan"                // EventScan

	EventKindRegistration    = "registration"     // EventRegistration
	EventKindCardApplication = "card_application" // EventCardApplication
	EventKindCardAction      = "card_action"      // EventCardAction
)

// EventRealName reports a real-name authentication done at the counter; an ok outcome
// activates the e-SSC's real-name state at central.
type EventRealName struct {
	PersonID     int64          `json:"person_id"`
	PermitNumber string         `json:"permit_number"`
	At           time.Time      `json:"at"`
	StaffID      string         `json:"staff_id"`
	Outcome      domain.Outcome `json:"outcome"`
}

// EventVerification reports a residence-permit decision; central records it and
// notifies the holder of the result.
type EventVerification struct {
	Verification domain.ResidenceVerification `json:"verification"`
}

// EventAudit carries one audit-trail entry of the terminal; the store queues one with
// every entry it appends. Central keeps the entries and the newest head per terminal,
// so a cut-off or rewritten trail is noticed.
type EventAudit = store.AuditEvent

// EventScan reports the offline verification of a scanned QR code at the counter, so
// central sees where and when a credential was presented and with what verdict.
type EventScan struct {
	Permit       string    `json:"permit"` // as the code claims it; empty when it did not decode
	Kind         string    `json:"kind"`   // notice or essc
	CredentialID string    `json:"credential_id,omitempty"`
	Verdict      string    `json:"verdict"` // VALID, INVALID, CANNOT_VERIFY
	Reason       string    `json:"reason"`
	At           time.Time `json:"at"`
	StaffID      string    `json:"staff_id"`
}

// EventRegistration reports a social-insurance registration recorded at the counter as
// pending; central decides it again on its own records and, when it accepts, assigns
// the social security number and notifies the holder.
type EventRegistration struct {
	Registration domain.InsuranceRegistration `json:"registration"`
	StaffID      string                       `json:"staff_id"`
}

// EventCardApplication reports a physical-card application; Ref is the branch's
// reference of the request, unique across branches.
type EventCardApplication struct {
	Ref          string    `json:"ref"`
	PersonID     int64     `json:"person_id"`
	PhotoReceipt string    `json:"photo_receipt"`
	BankBranch   string    `json:"bank_branch"`
	At           time.Time `json:"at"`
	StaffID      string    `json:"staff_id"`
}

// EventCardAction reports an action on a physical card (issue, loss report, freeze,
// cancellation). From is the state the counter saw; central applies the action to its
// own current state, which is the one that counts.
type EventCardAction struct {
	Ref      string               `json:"ref"`
	PersonID int64                `json:"person_id"`
	Action   insurance.CardAction `json:"action"`
	From     domain.CardState     `json:"from"`
	At       time.Time            `json:"at"`
	StaffID  string               `json:"staff_id"`
}

package sync

import (
	"time"

	"onecard/domain"
)

// Event kinds a branch pushes. Adding a kind: a payload type here, and one handler in
// central's event table (central/events.go).
const (
	EventKindRealName     = "realname"     // EventRealName
	EventKindVerification = "verification" // EventVerification
	EventKindAudit        = "audit"        // EventAudit
	EventKindScan         = "scan"         // EventScan
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

// EventAudit carries one audit-trail entry of the terminal; central keeps the entries
// and the newest head per terminal, so a cut-off or rewritten trail is noticed.
type EventAudit struct {
	Entry domain.AuditEntry `json:"entry"`
}

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

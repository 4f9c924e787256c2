package domain

import "time"

// Outcome of an audited action.
type Outcome string

const (
	OutcomeOK     Outcome = "ok"
	OutcomeDenied Outcome = "denied"
	OutcomeFailed Outcome = "failed"
)

// AuditEntry is one line of the append-only audit trail: who did what to whom, when,
// and with what result. Hash chains it to the entry before (see store's audit chain).
type AuditEntry struct {
	Seq      int64     `json:"seq"`
	At       time.Time `json:"at"`
	Terminal string    `json:"terminal"`
	StaffID  string    `json:"staff_id"`
	Event    string    `json:"event"`   // login, lookup, reveal, verify, realname, residence, ...
	Subject  string    `json:"subject"` // what it concerned: a person id, a permit number, a query
	Outcome  Outcome   `json:"outcome"`
	Detail   string    `json:"detail,omitempty"`
	PrevHash string    `json:"prev_hash"`
	Hash     string    `json:"hash"`
}

// OutboxState of an event waiting for central.
type OutboxState string

const (
	OutboxPending  OutboxState = "pending"
	OutboxAccepted OutboxState = "accepted"
	OutboxRejected OutboxState = "rejected"
)

// OutboxEvent is a branch event queued for central, keyed by (terminal, sequence) so
// central applies each exactly once.
type OutboxEvent struct {
	Seq       int64       `json:"seq"`
	Kind      string      `json:"kind"`
	Payload   []byte      `json:"payload"` // JSON
	CreatedAt time.Time   `json:"created_at"`
	State     OutboxState `json:"state"`
	Reason    string      `json:"reason,omitempty"` // central's reason for a rejection
	AckedAt   time.Time   `json:"acked_at,omitzero"`
}

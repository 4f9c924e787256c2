package domain

import "time"

// Role separates duties (MLPS 2.0 level 3): each role sees only its own workflows.
type Role string

const (
	RoleCounter    Role = "counter"    // social-insurance counter staff
	RoleExitEntry  Role = "exit_entry" // exit-entry bureau clerk
	RoleSupervisor Role = "supervisor" // unlocks the kiosk, sees sync problems
	RoleAuditor    Role = "auditor"    // reads the audit trail
)

// Roles lists every role.
func Roles() []Role { return []Role{RoleCounter, RoleExitEntry, RoleSupervisor, RoleAuditor} }

// Staff is a staff account. PINHash is an argon2id PHC string; the PIN itself is never stored.
type Staff struct {
	ID           string    `json:"id"`
	Name         string    `json:"name"`
	Role         Role      `json:"role"`
	Branch       string    `json:"branch"`
	PINHash      string    `json:"pin_hash"`
	Active       bool      `json:"active"`
	FailedLogins int       `json:"-"` // local to the terminal
	LockedUntil  time.Time `json:"-"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// Validate checks the account fields.
func (s Staff) Validate() error {
	return firstErr(required("staff_id", s.ID), required("name", s.Name),
		oneOf("role", s.Role, Roles()...), required("pin_hash", s.PINHash))
}

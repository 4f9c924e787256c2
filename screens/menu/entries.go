package menu

import (
	"onecard/app"
	"onecard/domain"
	"onecard/screens/audit"
	"onecard/screens/card"
	"onecard/screens/insurance"
	"onecard/screens/lookup"
	"onecard/screens/realname"
	"onecard/screens/residence"
	"onecard/screens/scan"
	"onecard/screens/services"
	"onecard/screens/syncproblems"
)

// Entry is one workflow on the home screen. A new workflow (scan, real-name,
// residence, sync problems) plugs in by adding its entry here with the roles that may
// use it; nothing else in the shell changes.
type Entry struct {
	ID    string // catalogue id of its name
	Roles []domain.Role
	Open  func(*app.Context) app.Screen
}

// Entries lists every workflow. Duties are separate (MLPS 2.0 level 3): the auditor
// reads the audit trail and nothing else; nobody else reads it.
func Entries() []Entry {
	return []Entry{
		{ID: "menu.lookup", Roles: []domain.Role{domain.RoleCounter, domain.RoleExitEntry, domain.RoleSupervisor}, Open: lookup.New},
		{ID: "menu.realname", Roles: []domain.Role{domain.RoleCounter, domain.RoleSupervisor}, Open: realname.Open},
		{ID: "menu.residence", Roles: []domain.Role{domain.RoleExitEntry, domain.RoleSupervisor}, Open: residence.New},
		{ID: "menu.insurance", Roles: []domain.Role{domain.RoleCounter, domain.RoleSupervisor}, Open: insurance.New},
		{ID: "menu.card", Roles: []domain.Role{domain.RoleCounter, domain.RoleSupervisor}, Open: card.New},
		{ID: "menu.services", Roles: []domain.Role{domain.RoleCounter, domain.RoleSupervisor}, Open: services.New},
		{ID: "menu.scan", Roles: []domain.Role{domain.RoleCounter, domain.RoleExitEntry, domain.RoleSupervisor}, Open: scan.New},
		{ID: "menu.syncproblems", Roles: []domain.Role{domain.RoleSupervisor}, Open: syncproblems.New},
		{ID: "menu.audit", Roles: []domain.Role{domain.RoleAuditor}, Open: audit.New},
	}
}

// For returns the entries a role may open, in menu order.
func For(role domain.Role) []Entry {
	var out []Entry
	for _, e := range Entries() {
		for _, r := range e.Roles {
			if r == role {
				out = append(out, e)
				break
			}
		}
	}
	return out
}

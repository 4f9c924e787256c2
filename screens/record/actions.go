package record

import (
	"slices"

	"github.com/charmbracelet/bubbles/key"

	"onecard/app"
	"onecard/domain"
	"onecard/screens/card"
	"onecard/screens/insurance"
	"onecard/screens/realname"
	"onecard/screens/services"
)

// action is a workflow the open person can be taken into, for the roles that do it.
type action struct {
	key   key.Binding
	roles []domain.Role
	open  func(c *app.Context, personID int64) app.Screen
}

// actions lists what the signed-in role may do for this person from the record.
func (m *Model) actions() []action {
	counter := []domain.Role{domain.RoleCounter, domain.RoleSupervisor}
	all := []action{
		{m.c.Binding("a", "key.realname", "a"), counter, func(c *app.Context, id int64) app.Screen { return realname.New(c, id) }},
		{m.c.Binding("i", "key.insurance", "i"), counter, insurance.NewFor},
		{m.c.Binding("c", "key.card", "c"), counter, card.NewFor},
		{m.c.Binding("s", "key.services", "s"), counter, services.NewFor},
	}
	if m.c.Session == nil || m.rec == nil {
		return nil
	}
	var out []action
	for _, a := range all {
		if slices.Contains(a.roles, m.c.Session.Staff.Role) {
			out = append(out, a)
		}
	}
	return out
}

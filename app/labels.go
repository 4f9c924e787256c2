package app

import (
	"github.com/charmbracelet/lipgloss"

	"onecard/domain"
)

// NearExpiryDays: a valid permit with fewer days left is shown amber. Extensions are
// filed 30-90 days before expiry, so this is when the holder must act (DESIGN.md s.2).
const NearExpiryDays = 90

// PermitState names a permit's state on the counter's day and styles it: valid green,
// near expiry amber, expired, cancelled or revoked red.
func (c *Context) PermitState(p domain.WorkPermit) (string, lipgloss.Style) {
	today := c.Today()
	switch st := p.EffectiveStatus(today); {
	case st != domain.PermitValid:
		return c.Text.T("permit.status." + string(st)), c.Styles.Level.Bad
	case p.DaysLeft(today) < NearExpiryDays:
		return c.Text.T("permit.status.near_expiry"), c.Styles.Level.Warn
	}
	return c.Text.T("permit.status.valid"), c.Styles.Level.OK
}

// CardStateText names a physical card state (未激活, 正常, ...).
func (c *Context) CardStateText(s domain.CardState) string { return c.Text.T("card." + string(s)) }

// CardStateStyle: normal is fine, not activated needs attention, the rest stop service.
func (c *Context) CardStateStyle(s domain.CardState) lipgloss.Style {
	switch s {
	case domain.CardNormal:
		return c.Styles.Level.OK
	case domain.CardNotActivated:
		return c.Styles.Level.Warn
	}
	return c.Styles.Level.Bad
}

// RealNameText names an e-SSC real-name state.
func (c *Context) RealNameText(s domain.RealNameState) string {
	return c.Text.T("realname." + string(s))
}

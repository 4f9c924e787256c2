package app

import (
	"github.com/charmbracelet/bubbles/key"

	"onecard/assets"
)

// KeyMap holds the bindings every screen shares; help text comes from the catalogue, so
// it is rebuilt when the language changes. Quitting is deliberately not in it: it is
// the root's, and needs a supervisor.
type KeyMap struct {
	Back      key.Binding
	Confirm   key.Binding
	Up        key.Binding
	Down      key.Binding
	NextField key.Binding
	PrevField key.Binding
	PageUp    key.Binding
	PageDown  key.Binding
	Help      key.Binding
	Language  key.Binding
	Lock      key.Binding
	Logout    key.Binding
	SyncNow   key.Binding
}

// DefaultKeyMap builds the shared bindings with help text in the catalogue's language.
func DefaultKeyMap(t *assets.Catalog) *KeyMap {
	b := func(help, id string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, t.T(id)))
	}
	return &KeyMap{
		Back:      b("esc", "key.back", "esc"),
		Confirm:   b("enter", "key.confirm", "enter"),
		Up:        b("↑", "key.up", "up"),
		Down:      b("↓", "key.down", "down"),
		NextField: b("tab", "key.next_field", "tab"),
		PrevField: b("shift+tab", "key.prev_field", "shift+tab"),
		PageUp:    b("pgup", "key.page_up", "pgup"),
		PageDown:  b("pgdn", "key.page_down", "pgdown"),
		Help:      b("?/F1", "key.help", "?", "f1"),
		Language:  b("F2", "key.language", "f2"),
		Lock:      b("ctrl+l", "key.lock", "ctrl+l"),
		Logout:    b("F10", "key.logout", "f10"),
		SyncNow:   b("ctrl+s", "key.sync_now", "ctrl+s"),
	}
}

// Binding returns a screen's own binding with catalogue help text.
func (c *Context) Binding(help, id string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, c.Text.T(id)))
}

package app

import (
	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"
)

// Screen is one workflow page on the router's stack (soft-serve's Component): a model
// that reports its own key help and is sized by the root.
type Screen interface {
	Init() tea.Cmd
	Update(msg tea.Msg) (Screen, tea.Cmd)
	View() string
	SetSize(width, height int) // the content area, without the root's title, help and status bar
	Title() string
	help.KeyMap // ShortHelp, FullHelp
}

// Typing is implemented by screens whose focus is a free-text field; while it reports
// true, the root leaves printable keys such as ? and q to the screen.
type Typing interface {
	Typing() bool
}

// typing reports whether s currently takes free text.
func typing(s Screen) bool {
	t, ok := s.(Typing)
	return ok && t.Typing()
}

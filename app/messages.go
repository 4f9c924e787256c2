package app

import tea "github.com/charmbracelet/bubbletea"

// PushMsg asks the root to put a screen on top of the stack.
type PushMsg struct{ Screen Screen }

// PopMsg asks the root to drop the top screen (Back).
type PopMsg struct{}

// ReplaceMsg asks the root to replace the whole stack with one screen, so that Back
// cannot return past it (login to home, logout to login).
type ReplaceMsg struct{ Screen Screen }

// StatusMsg shows a short notice in the message line until the next key.
type StatusMsg struct{ Text string }

// LanguageChangedMsg goes to every screen after the language switched, so that tables
// and other cached text can be rebuilt.
type LanguageChangedMsg struct{}

// Push returns a Cmd that pushes s.
func Push(s Screen) tea.Cmd { return func() tea.Msg { return PushMsg{Screen: s} } }

// Pop returns a Cmd that pops the top screen.
func Pop() tea.Cmd { return func() tea.Msg { return PopMsg{} } }

// Replace returns a Cmd that replaces the stack with s.
func Replace(s Screen) tea.Cmd { return func() tea.Msg { return ReplaceMsg{Screen: s} } }

// Status returns a Cmd that shows text in the message line.
func Status(text string) tea.Cmd { return func() tea.Msg { return StatusMsg{Text: text} } }

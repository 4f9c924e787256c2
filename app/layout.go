package app

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"

	"onecard/assets"
)

func (m *Model) tooSmall() bool {
	return m.c.Width < MinWidth || m.c.Height < MinHeight
}

// helpKeys joins the top screen's (or dialog's) bindings with the shell's.
type helpKeys struct {
	screen []key.Binding
	full   [][]key.Binding
	shell  []key.Binding
}

func (h helpKeys) ShortHelp() []key.Binding {
	return append(append([]key.Binding{}, h.screen...), h.shell...)
}
func (h helpKeys) FullHelp() [][]key.Binding {
	return append(append([][]key.Binding{}, h.full...), h.shell)
}

func (m *Model) helpKeys() helpKeys {
	k := m.c.Keys
	shell := []key.Binding{k.Help, k.Language}
	if m.c.Session != nil {
		shell = append(shell, k.Lock, k.Logout)
		if m.fullHelp {
			shell = append(shell, k.SyncNow)
		}
	}
	if m.dialog != nil {
		return helpKeys{screen: m.dialog.keys(m.c), full: [][]key.Binding{m.dialog.keys(m.c)}, shell: []key.Binding{k.Language}}
	}
	return helpKeys{screen: m.Top().ShortHelp(), full: m.Top().FullHelp(), shell: shell}
}

func (m *Model) helpView() string {
	if m.fullHelp {
		m.help.ShowAll = true
		return m.help.View(m.helpKeys())
	}
	return m.shortHelp(m.helpKeys().ShortHelp(), m.c.Width)
}

// shortHelp draws the one-line help, ending with an ellipsis where the next item would
// not fit. (bubbles' help adds every remaining item once the ellipsis itself no longer
// fits, which overflows the line in Chinese.)
func (m *Model) shortHelp(bindings []key.Binding, width int) string {
	st := m.help.Styles
	sep := st.ShortSeparator.Inline(true).Render(m.help.ShortSeparator)
	var items []string
	for _, kb := range bindings {
		if kb.Enabled() {
			items = append(items, st.ShortKey.Inline(true).Render(kb.Help().Key)+" "+st.ShortDesc.Inline(true).Render(kb.Help().Desc))
		}
	}
	if all := strings.Join(items, sep); lipgloss.Width(all) <= width {
		return all
	}
	ellipsis := " " + st.Ellipsis.Inline(true).Render(m.help.Ellipsis)
	line := ""
	for _, item := range items {
		next := item
		if line != "" {
			next = line + sep + item
		}
		if lipgloss.Width(next)+lipgloss.Width(ellipsis) > width {
			break
		}
		line = next
	}
	return line + ellipsis
}

// contentSize is what is left for a screen under the title and above message, help and
// status lines.
func (m *Model) contentSize() (int, int) {
	return m.c.Width, max(m.c.Height-3-lipgloss.Height(m.helpView()), 1)
}

// resizeAll gives every screen the content area.
func (m *Model) resizeAll() {
	if m.c.Width == 0 {
		return
	}
	w, h := m.contentSize()
	for _, s := range m.stack {
		s.SetSize(w, h)
	}
}

// View draws the frame; while locked the screens are not drawn at all, so nothing of
// the last record shows behind the lock.
func (m *Model) View() string {
	if m.c.Width == 0 {
		return ""
	}
	if m.tooSmall() {
		return m.tooSmallView()
	}
	w, h := m.contentSize()
	var body string
	if m.dialog != nil {
		body = lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, m.dialog.view(m.c, w))
	} else {
		body = lipgloss.NewStyle().Width(w).Height(h).MaxWidth(w).MaxHeight(h).Render(m.Top().View())
	}
	msg := ""
	switch {
	case m.errText != "":
		msg = m.c.Styles.Error.Render(" " + m.errText)
	case m.notice != "":
		msg = m.c.Styles.Notice.Render(" " + m.notice)
	}
	return lipgloss.JoinVertical(lipgloss.Left,
		m.titleBar(), body, lipgloss.NewStyle().MaxWidth(w).Render(msg), m.helpView(), m.c.statusBar(m.status, w))
}

func (m *Model) titleBar() string {
	t := m.c.Text
	left := t.T("app.name")
	if m.dialog == nil {
		left += " › " + m.Top().Title()
	}
	right := ""
	if m.c.Config.Demo {
		right = m.c.Styles.TitleDemo.Render(t.T("app.demo"))
	}
	st := m.c.Styles.Title
	return st.Width(m.c.Width-lipgloss.Width(right)).MaxWidth(m.c.Width).Render(left) + right
}

// tooSmallView says so in both languages, whatever the current one, and what is needed.
func (m *Model) tooSmallView() string {
	var lines []string
	for _, l := range []assets.Lang{assets.Chinese, assets.English} {
		lines = append(lines, m.c.Text.In(l, "small.title"),
			fmt.Sprintf(m.c.Text.In(l, "small.size"), MinWidth, MinHeight, m.c.Width, m.c.Height), "")
	}
	text := strings.Join(lines[:len(lines)-1], "\n")
	return lipgloss.Place(m.c.Width, m.c.Height, lipgloss.Center, lipgloss.Center, m.c.Styles.TooSmall.Render(text))
}

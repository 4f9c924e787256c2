package app

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/table"
	"github.com/charmbracelet/lipgloss"

	"onecard/assets"
)

// Styles is every style the kiosk draws with, grouped by where it is used and built
// once from the palette. Screens take styles from here and never set colours.
type Styles struct {
	Title     lipgloss.Style
	TitleDemo lipgloss.Style
	Muted     lipgloss.Style
	Strong    lipgloss.Style
	Error     lipgloss.Style
	Notice    lipgloss.Style
	TooSmall  lipgloss.Style

	Status struct {
		Bar     lipgloss.Style
		Online  lipgloss.Style
		Offline lipgloss.Style
	}

	// Level colours a state: OK green, Warn amber, Bad red.
	Level struct {
		OK   lipgloss.Style
		Warn lipgloss.Style
		Bad  lipgloss.Style
	}

	Form struct {
		Label        lipgloss.Style
		FocusedLabel lipgloss.Style
		Hint         lipgloss.Style
	}

	// Banner is the full-width verdict of a scanned code: green VALID, red INVALID,
	// amber CANNOT VERIFY.
	Banner struct {
		OK   lipgloss.Style
		Warn lipgloss.Style
		Bad  lipgloss.Style
	}

	Dialog lipgloss.Style
	Menu   struct {
		Item     lipgloss.Style
		Selected lipgloss.Style
	}
	Section lipgloss.Style
	Label   lipgloss.Style

	Help  help.Styles
	Table table.Styles
}

// NewStyles builds the styles from a palette.
func NewStyles(p assets.Palette) *Styles {
	c := func(hex string) lipgloss.Color { return lipgloss.Color(hex) }
	s := &Styles{}
	s.Title = lipgloss.NewStyle().Bold(true).Foreground(c(p.AccentFg)).Background(c(p.Accent)).Padding(0, 1)
	s.TitleDemo = lipgloss.NewStyle().Bold(true).Foreground(c(p.BarBg)).Background(c(p.Warn)).Padding(0, 1)
	s.Muted = lipgloss.NewStyle().Foreground(c(p.Muted))
	s.Strong = lipgloss.NewStyle().Bold(true).Foreground(c(p.Text))
	s.Error = lipgloss.NewStyle().Bold(true).Foreground(c(p.Bad))
	s.Notice = lipgloss.NewStyle().Foreground(c(p.OK))
	s.TooSmall = lipgloss.NewStyle().Bold(true).Foreground(c(p.Warn))

	s.Status.Bar = lipgloss.NewStyle().Foreground(c(p.BarFg)).Background(c(p.BarBg))
	s.Status.Online = s.Status.Bar.Foreground(c(p.OK))
	s.Status.Offline = s.Status.Bar.Foreground(c(p.Warn))

	s.Level.OK = lipgloss.NewStyle().Bold(true).Foreground(c(p.OK))
	s.Level.Warn = lipgloss.NewStyle().Bold(true).Foreground(c(p.Warn))
	s.Level.Bad = lipgloss.NewStyle().Bold(true).Foreground(c(p.Bad))

	banner := lipgloss.NewStyle().Bold(true).Foreground(c(p.BarBg)).Padding(0, 1).Align(lipgloss.Center)
	s.Banner.OK = banner.Background(c(p.OK))
	s.Banner.Warn = banner.Background(c(p.Warn))
	s.Banner.Bad = banner.Background(c(p.Bad))

	s.Form.Label = lipgloss.NewStyle().Foreground(c(p.Muted))
	s.Form.FocusedLabel = lipgloss.NewStyle().Bold(true).Foreground(c(p.Accent))
	s.Form.Hint = lipgloss.NewStyle().Foreground(c(p.Muted)).Italic(true)

	s.Dialog = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(c(p.DialogBdr)).Padding(1, 2)
	s.Menu.Item = lipgloss.NewStyle().Padding(0, 2)
	s.Menu.Selected = lipgloss.NewStyle().Padding(0, 2).Bold(true).Foreground(c(p.Selected)).Background(c(p.SelectBg))
	s.Section = lipgloss.NewStyle().Bold(true).Foreground(c(p.Accent)).Underline(true)
	s.Label = lipgloss.NewStyle().Foreground(c(p.Muted))

	s.Help = help.New().Styles
	s.Help.ShortKey = lipgloss.NewStyle().Foreground(c(p.Text)).Bold(true)
	s.Help.FullKey = s.Help.ShortKey
	s.Help.ShortDesc = lipgloss.NewStyle().Foreground(c(p.Muted))
	s.Help.FullDesc = s.Help.ShortDesc
	s.Help.ShortSeparator = lipgloss.NewStyle().Foreground(c(p.Border))
	s.Help.FullSeparator = s.Help.ShortSeparator

	s.Table = table.DefaultStyles()
	s.Table.Header = s.Table.Header.BorderStyle(lipgloss.NormalBorder()).BorderForeground(c(p.Border)).
		BorderBottom(true).Bold(true)
	s.Table.Selected = s.Table.Selected.Foreground(c(p.Selected)).Background(c(p.SelectBg)).Bold(true)
	return s
}

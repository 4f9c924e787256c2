package assets

// Palette is the kiosk's colours as data; app.NewStyles turns it into lipgloss styles.
// Colours are hex for true-colour terminals; lipgloss degrades them for others. Status
// colours follow the counter convention: green fine, amber needs attention, red stop.
type Palette struct {
	Text      string
	Muted     string
	Accent    string
	AccentFg  string
	Border    string
	OK        string
	Warn      string
	Bad       string
	BarBg     string
	BarFg     string
	Selected  string
	SelectBg  string
	DialogBdr string
}

// DefaultPalette is calm on both dark and light terminal backgrounds.
func DefaultPalette() Palette {
	return Palette{
		Text:      "#D8DEE9",
		Muted:     "#8A93A6",
		Accent:    "#5E81AC",
		AccentFg:  "#ECEFF4",
		Border:    "#4C566A",
		OK:        "#3FA34D",
		Warn:      "#E0A100",
		Bad:       "#D64545",
		BarBg:     "#2E3440",
		BarFg:     "#D8DEE9",
		Selected:  "#ECEFF4",
		SelectBg:  "#3B5B85",
		DialogBdr: "#88C0D0",
	}
}

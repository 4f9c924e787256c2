package scan

import (
	"sort"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"onecard/app"
	"onecard/credential"
	"onecard/scanner"
)

// previewRows is the camera preview's height in terminal rows (two pixels a row).
const previewRows = 10

func (m *Model) View() string {
	parts := []string{m.field.Input.View(), ""}
	switch {
	case m.busy:
		parts = append(parts, m.c.Styles.Muted.Render(m.c.Text.T("scan.checking")))
	case m.result != nil:
		parts = append(parts, m.verdict(*m.result)...)
	default:
		parts = append(parts, m.c.Styles.Muted.Render(m.c.Text.T("scan.hint")))
	}
	parts = append(parts, "", m.devices())
	if p := m.preview(); p != "" {
		parts = append(parts, p)
	}
	if len(m.recent) > 0 {
		parts = append(parts, "", m.c.Styles.Section.Render(m.c.Text.T("scan.recent")))
		for _, r := range m.recent {
			parts = append(parts, m.recentLine(r))
		}
	}
	return strings.Join(parts, "\n")
}

// bannerStyle: green VALID, red INVALID, amber CANNOT VERIFY.
func (m *Model) bannerStyle(v credential.Verdict) lipgloss.Style {
	switch v {
	case credential.Valid:
		return m.c.Styles.Banner.OK
	case credential.Invalid:
		return m.c.Styles.Banner.Bad
	}
	return m.c.Styles.Banner.Warn
}

func (m *Model) message(r credential.Result) string {
	if m.c.Text.Lang() == "en" {
		return r.MessageEN
	}
	return r.MessageZH
}

// verdict is the full-width banner, the reason, and what the code says about its
// holder, for comparison with the person at the counter.
func (m *Model) verdict(r credential.Result) []string {
	t := m.c.Text
	title := t.T("verdict."+string(r.Verdict)) + "  ·  " + t.T("scan.kind."+kindID(r.Kind))
	lines := []string{
		m.bannerStyle(r.Verdict).Width(max(m.width, 20)).Render(title),
		m.c.Styles.Strong.Render(m.message(r)) + m.c.Styles.Muted.Render("  ("+string(r.Reason)+")"),
	}
	if r.Holder != nil && r.Credential != nil {
		lines = append(lines, "", m.c.Styles.Section.Render(t.T("scan.holder")))
		row := func(id, value string) {
			lines = append(lines, m.c.Styles.Label.Render(padRight(t.T(id), 14))+value)
		}
		row("scan.field.name", mrzName(r.Holder.Surname, r.Holder.GivenNames))
		row("scan.field.nationality", r.Holder.Nationality)
		row("scan.field.birth", app.Mask(r.Holder.BirthDate))
		row("scan.field.permit", r.Permit)
		row("scan.field.category", r.Credential.Category)
		row("scan.field.employer", r.Credential.Employer)
		row("scan.field.validity", r.Credential.ValidFrom+" – "+r.Credential.ValidUntil)
		if r.Credential.CodeTime != nil {
			row("scan.field.code_time", r.Credential.CodeTime.In(m.c.Config.Location()).Format("2006-01-02 15:04:05"))
		}
	}
	if r.Bundle != nil {
		lines = append(lines, m.c.Styles.Muted.Render(t.F("scan.bundle", r.Bundle.Version, m.c.Age(r.Bundle.IssuedAt))))
	}
	return lines
}

func kindID(k credential.Use) string {
	if k == "" {
		return "unknown"
	}
	return string(k)
}

// mrzName shows "SURNAME, GIVEN NAMES" from the MRZ-form claims.
func mrzName(surname, given string) string {
	s := strings.ReplaceAll(surname, "<", " ")
	if given == "" {
		return s
	}
	return s + ", " + strings.ReplaceAll(given, "<", " ")
}

// padRight pads to a display width, counting Chinese characters as two columns.
func padRight(s string, w int) string {
	return s + strings.Repeat(" ", max(w-lipgloss.Width(s), 1))
}

// devices lists the attached scanners with their last state.
func (m *Model) devices() string {
	t := m.c.Text
	if len(m.c.Devices) == 0 && m.c.Scans == nil {
		return m.c.Styles.Muted.Render(t.T("scan.no_devices"))
	}
	names := make([]string, 0, len(m.c.Devices))
	for n := range m.c.Devices {
		names = append(names, n)
	}
	sort.Strings(names)
	parts := []string{m.c.Styles.Label.Render(t.T("scan.devices"))}
	for _, n := range names {
		d := m.c.Devices[n]
		if d.OK {
			parts = append(parts, m.c.Styles.Level.OK.Render("● ")+n)
		} else {
			parts = append(parts, m.c.Styles.Level.Bad.Render("● ")+n+" "+m.c.Styles.Muted.Render(d.Text))
		}
	}
	return strings.Join(parts, "  ")
}

// preview draws the camera's newest frame in half blocks, or nothing without a camera.
func (m *Model) preview() string {
	if m.c.Camera == nil {
		return ""
	}
	f, ok := m.c.Camera.Latest()
	if !ok {
		return m.c.Styles.Muted.Render(m.c.Text.T("scan.camera_waiting"))
	}
	cols := min(m.width, previewRows*2*f.Width/max(f.Height, 1))
	return scanner.Preview(f, cols, previewRows, lipgloss.ColorProfile() != termenv.Ascii)
}

func (m *Model) recentLine(r read) string {
	style := m.c.Styles.Level.Bad
	switch r.result.Verdict {
	case credential.Valid:
		style = m.c.Styles.Level.OK
	case credential.CannotVerify:
		style = m.c.Styles.Level.Warn
	}
	permit := r.result.Permit
	if permit == "" {
		permit = "—"
	}
	return r.at.Format("15:04:05") + "  " + padRight(r.source, 8) + style.Render(padRight(string(r.result.Verdict), 14)) + permit
}

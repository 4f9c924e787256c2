package mrzform

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"onecard/app"
	"onecard/domain"
	"onecard/identity"
)

// Photo is staff's check of the passport photo against the person at the counter; no
// machine can make it, so an authentication needs it.
type Photo int

const (
	PhotoUnchecked Photo = iota
	PhotoMatches
	PhotoDiffers
)

// FieldPhoto names the photo check among the mismatched fields.
const FieldPhoto = "photo"

// maskedFields are identifiers shown masked (DESIGN.md s.2, PIPL minimum necessary).
var maskedFields = []string{"passport_number", "birth_date"}

// Review is a parsed MRZ compared with a person's record, with the photo check.
type Review struct {
	MRZ   identity.MRZ
	Cmp   identity.DocumentComparison
	Photo Photo
}

// HolderOf puts a person's record in the terms an MRZ is compared with.
func HolderOf(p domain.Person) identity.Holder {
	h := identity.Holder{Surname: p.Surname, GivenNames: p.GivenNames, Nationality: p.Nationality,
		Sex: string(p.Sex), PassportNumber: p.PassportNumber}
	if !p.BirthDate.IsZero() {
		h.BirthDate = p.BirthDate.Time()
	}
	if !p.PassportExpiry.IsZero() {
		h.PassportExpiry = p.PassportExpiry.Time()
	}
	return h
}

// Check parses text on the counter's day at and compares it with p.
func Check(text string, p domain.Person, at time.Time) Review {
	return Compare(identity.ParseMRZ(text, at), p, at)
}

// Compare compares a parsed MRZ with p on the counter's day at.
func Compare(doc identity.MRZ, p domain.Person, at time.Time) Review {
	return Review{MRZ: doc, Cmp: identity.CompareDocument(doc, HolderOf(p), at)}
}

// Outcome is the verdict with the photo check: the comparison's when it failed,
// otherwise authenticated only once the photo matched, a mismatch when it did not, and
// "" while staff have not looked.
func (r Review) Outcome() identity.AuthOutcome {
	if r.Cmp.Outcome != identity.Authenticated {
		return r.Cmp.Outcome
	}
	switch r.Photo {
	case PhotoMatches:
		return identity.Authenticated
	case PhotoDiffers:
		return identity.AuthMismatch
	}
	return ""
}

// Decided reports whether the review has an outcome that can be recorded.
func (r Review) Decided() bool { return r.Outcome() != "" }

// Mismatched lists the fields that did not match, the photo included.
func (r Review) Mismatched() []string {
	out := r.Cmp.Mismatched()
	if r.Photo == PhotoDiffers {
		out = append(out, FieldPhoto)
	}
	return out
}

// Detail describes the outcome for the audit trail: the outcome, the mismatched
// fields, and for an unreadable MRZ the parser's problem codes with their places.
func (r Review) Detail() string {
	parts := []string{"outcome=" + string(r.Outcome())}
	if r.Outcome() == identity.MRZInvalid {
		var probs []string
		for _, p := range r.MRZ.Problems {
			probs = append(probs, fmt.Sprintf("%s@%d:%d", p.Code, p.Line, p.Position))
		}
		for _, c := range r.MRZ.Checks {
			if !c.OK {
				probs = append(probs, "check_digit@"+c.Name)
			}
		}
		parts = append(parts, "problems="+strings.Join(probs, ","))
	}
	if f := r.Mismatched(); len(f) > 0 {
		parts = append(parts, "fields="+strings.Join(f, ","))
	}
	return strings.Join(parts, " ")
}

// PhotoKeys are the bindings of the photo check.
func PhotoKeys(c *app.Context) []key.Binding {
	return []key.Binding{c.Binding("p", "key.photo_matches", "p"), c.Binding("n", "key.photo_differs", "n")}
}

// Key applies the photo keys; it reports whether msg was one of them.
func (r *Review) Key(c *app.Context, msg tea.KeyMsg) bool {
	k := PhotoKeys(c)
	switch {
	case key.Matches(msg, k[0]):
		r.Photo = PhotoMatches
	case key.Matches(msg, k[1]):
		r.Photo = PhotoDiffers
	default:
		return false
	}
	return true
}

// View draws the comparison: each field with ✓ or ✗ and both values, the parser's
// problems when the MRZ is invalid, the photo check and the outcome so far.
func (r Review) View(c *app.Context) string {
	st, t := c.Styles, c.Text
	rows := [][3]string{{"", t.T("mrz.col.document"), t.T("mrz.col.record")}}
	marks := []string{""}
	for _, f := range r.Cmp.Fields {
		doc, rec := f.Document, f.Holder
		if slices.Contains(maskedFields, f.Field) {
			doc, rec = app.Mask(doc), app.Mask(rec)
		}
		rows = append(rows, [3]string{t.T("mrz.field." + f.Field), orNone(c, doc), orNone(c, rec)})
		if f.Outcome == identity.FieldMatch {
			marks = append(marks, st.Level.OK.Render("✓"))
		} else {
			marks = append(marks, st.Level.Bad.Render("✗"))
		}
	}
	var w [3]int
	for _, row := range rows {
		for i, cell := range row {
			w[i] = max(w[i], lipgloss.Width(cell))
		}
	}
	out := []string{st.Section.Render(t.T("mrz.compare"))}
	for i, row := range rows {
		label := st.Label.Width(w[0]).Render(row[0])
		line := fmt.Sprintf("%s %s  %s  %s", lipgloss.NewStyle().Width(1).Render(marks[i]), label,
			lipgloss.NewStyle().Width(w[1]).Render(row[1]), row[2])
		if i == 0 {
			line = st.Muted.Render(line)
		}
		out = append(out, line)
	}
	if r.MRZ.Valid {
		out = append(out, "", r.photoLine(c))
	} else {
		out = append(out, "", st.Level.Bad.Render(t.T("mrz.invalid")))
		for _, p := range ProblemTexts(c, r.MRZ) {
			out = append(out, "  · "+p)
		}
	}
	return strings.Join(out, "\n")
}

func (r Review) photoLine(c *app.Context) string {
	st, t := c.Styles, c.Text
	switch r.Photo {
	case PhotoMatches:
		return st.Label.Render(t.T("mrz.field.photo")) + "  " + st.Level.OK.Render("✓ "+t.T("mrz.photo.matches"))
	case PhotoDiffers:
		return st.Label.Render(t.T("mrz.field.photo")) + "  " + st.Level.Bad.Render("✗ "+t.T("mrz.photo.differs"))
	}
	return st.Label.Render(t.T("mrz.field.photo")) + "  " + st.Level.Warn.Render(t.T("mrz.photo.unchecked"))
}

func orNone(c *app.Context, s string) string {
	if strings.TrimSpace(s) == "" {
		return c.Text.T("mrz.empty")
	}
	return s
}

// OutcomeText names an authentication outcome ("" is the photo check still to do).
func OutcomeText(c *app.Context, o identity.AuthOutcome) string {
	if o == "" {
		return c.Text.T("mrz.outcome.pending")
	}
	return c.Text.T("mrz.outcome." + string(o))
}

// OutcomeStyle: authenticated green, an expired document amber, the rest red.
func OutcomeStyle(c *app.Context, o identity.AuthOutcome) lipgloss.Style {
	switch o {
	case identity.Authenticated:
		return c.Styles.Level.OK
	case identity.DocumentExpired, "":
		return c.Styles.Level.Warn
	}
	return c.Styles.Level.Bad
}

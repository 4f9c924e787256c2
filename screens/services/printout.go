package services

import (
	"os"
	"strings"

	"onecard/app"
	"onecard/assets"
	"onecard/store"
)

func mkdir(dir string) error { return os.MkdirAll(dir, 0o750) }

func remove(path string) { _ = os.Remove(path) }

// both is a label in Chinese and English: a printout goes to the holder, who may read
// either.
func both(c *app.Context, id string) string {
	return c.Text.In(assets.Chinese, id) + " " + c.Text.In(assets.English, id)
}

// permitLines is the work-permit information as the holder downloads it from the
// e-SSC: the first line is the heading.
func permitLines(c *app.Context, rec store.Record) []string {
	p, w := rec.Person, rec.CurrentPermit()
	status := w.EffectiveStatus(c.Today())
	ssn := ""
	if rec.ESSC != nil {
		ssn = rec.ESSC.SSN
	}
	out := []string{
		both(c, "svc.print.heading"),
		both(c, "svc.print.name") + ": " + p.FullName(),
		both(c, "svc.print.nationality") + ": " + p.Nationality,
		both(c, "svc.print.passport") + ": " + app.Mask(p.PassportNumber),
		both(c, "svc.print.permit") + ": " + w.Number,
		both(c, "svc.print.category") + ": " + string(w.Category),
		both(c, "svc.print.status") + ": " + c.Text.In(assets.Chinese, "permit.status."+string(status)) + " / " + c.Text.In(assets.English, "permit.status."+string(status)),
		both(c, "svc.print.valid") + ": " + w.ValidFrom.String() + " – " + w.ValidUntil.String(),
		both(c, "svc.print.employer") + ": " + w.EmployerName + " (" + w.EmployerUSCC + ")",
		both(c, "svc.print.position") + ": " + w.Position,
	}
	if ssn != "" {
		out = append(out, both(c, "svc.print.ssn")+": "+ssn)
	}
	return append(out, "", both(c, "svc.print.printed")+": "+c.Now().Format("2006-01-02 15:04 MST")+"  "+c.Config.Branch+" / "+c.Config.TerminalID+" / "+c.StaffID())
}

// permitText is the permit information as a text printout.
func permitText(c *app.Context, rec store.Record) string { return framed(permitLines(c, rec)) }

// noticesText lists the holder's notices in both languages, newest first.
func noticesText(c *app.Context, rec store.Record) string {
	out := []string{both(c, "svc.print.notices"), both(c, "svc.print.name") + ": " + rec.Person.FullName(), ""}
	if len(rec.Notifications) == 0 {
		out = append(out, both(c, "svc.print.no_notices"))
	}
	for _, n := range rec.Notifications {
		out = append(out, n.CreatedAt.In(c.Config.Location()).Format("2006-01-02"), "  "+n.TextZH, "  "+n.TextEN)
	}
	return framed(out)
}

func framed(lines []string) string {
	rule := strings.Repeat("=", 48)
	return rule + "\n" + strings.Join(lines, "\n") + "\n" + rule + "\n"
}

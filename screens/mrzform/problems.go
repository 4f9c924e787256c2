package mrzform

import (
	"fmt"
	"strings"

	"onecard/app"
	"onecard/identity"
)

// ProblemTexts says what is wrong with an invalid MRZ, in the counter's language: each
// problem the parser found, located by line and position, then each failed check digit.
func ProblemTexts(c *app.Context, m identity.MRZ) []string {
	t := c.Text
	var out []string
	for _, p := range m.Problems {
		where := ""
		switch {
		case p.Line > 0 && p.Position > 0:
			where = t.F("mrz.at", p.Line, p.Position)
		case p.Line > 0:
			where = t.F("mrz.at_line", p.Line)
		}
		id := "mrz.problem." + p.Code
		if !t.Has(t.Lang(), id) {
			id = "mrz.problem.other"
		}
		body := t.T(id)
		if strings.Contains(body, "%s") {
			body = fmt.Sprintf(body, p.Found)
		}
		if p.Suggest != "" {
			body += t.F("mrz.suggest", p.Suggest)
		}
		out = append(out, where+body)
	}
	for _, ck := range m.Checks {
		if !ck.OK {
			out = append(out, t.F("mrz.check", t.T("mrz.check."+ck.Name), ck.Found, ck.Expected))
		}
	}
	return out
}

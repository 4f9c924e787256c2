// Package slip prints a residence-permit decision for the applicant's file: a
// bilingual text slip for a file or a receipt printer, and a PDF.
package slip

import (
	"fmt"
	"strings"
	"time"

	"onecard/residence"
)

// Slip is everything printed on one decision slip.
type Slip struct {
	Ref            string
	Branch         string
	Terminal       string
	StaffID        string
	DecidedAt      time.Time
	HolderName     string // MRZ form, as on the passport
	Nationality    string
	PassportNumber string // as it should appear: the caller masks it
	PermitNumber   string
	Decision       residence.Decision
	Policy         residence.Policy // document labels
}

func outcomeText(s Slip) residence.Text {
	switch s.Decision.Outcome {
	case "eligible":
		return residence.Text{ZH: "符合条件，可办理工作类居留许可", EN: "Eligible for a residence permit for work"}
	case "not_eligible":
		return residence.Text{ZH: "不符合条件", EN: "Not eligible"}
	}
	return residence.Text{ZH: "转交审核", EN: "Referred to an officer"}
}

func resultText(r residence.Result) residence.Text {
	switch r {
	case residence.Pass:
		return residence.Text{ZH: "通过", EN: "pass"}
	case residence.Fail:
		return residence.Text{ZH: "不通过", EN: "fail"}
	}
	return residence.Text{ZH: "转审", EN: "refer"}
}

// lines is the slip's content, shared by the text and PDF forms.
func lines(s Slip) []string {
	out := []string{
		"居留许可核验结果 / Residence permit verification",
		"编号 Ref: " + s.Ref,
		fmt.Sprintf("时间 Time: %s", s.DecidedAt.Format("2006-01-02 15:04 MST")),
		fmt.Sprintf("办理 Desk: %s / %s / %s", s.Branch, s.Terminal, s.StaffID),
		"",
		"姓名 Name: " + s.HolderName,
		"国籍 Nationality: " + s.Nationality,
		"护照 Passport: " + s.PassportNumber,
		"工作许可 Work permit: " + s.PermitNumber,
		"",
	}
	o := outcomeText(s)
	out = append(out, "结论 Decision: "+o.ZH+" / "+o.EN)
	if !s.Decision.ValidUntil.IsZero() {
		out = append(out, fmt.Sprintf("居留许可有效期至 Valid until: %s", s.Decision.ValidUntil))
	}
	out = append(out, "", "核验项目 Checks:")
	for i, r := range s.Decision.Rules {
		t := resultText(r.Result)
		out = append(out, fmt.Sprintf("%d. [%s %s] %s", i+1, t.ZH, t.EN, r.Explain.ZH), "   "+r.Explain.EN)
	}
	if len(s.Decision.Missing) > 0 {
		out = append(out, "", "缺少材料 Documents missing:")
		for _, id := range s.Decision.Missing {
			out = append(out, "- "+documentLabel(s.Policy, id))
		}
	}
	return out
}

func documentLabel(p residence.Policy, id string) string {
	for _, d := range p.Documents {
		if d.ID == id {
			return d.Label.ZH + " / " + d.Label.EN
		}
	}
	return id
}

// Text renders the slip as plain UTF-8 text, CRLF-free, ending in a newline.
func Text(s Slip) string {
	rule := strings.Repeat("=", 48)
	return rule + "\n" + strings.Join(lines(s), "\n") + "\n" + rule + "\n"
}

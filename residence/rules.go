package residence

import (
	"fmt"
	"slices"
	"strings"

	"onecard/domain"
	"onecard/identity"
)

func rule(id string, r Result, zh, en string) RuleResult {
	return RuleResult{ID: id, Result: r, Explain: Text{ZH: zh, EN: en}}
}

// visaRule: the residence permit for work follows entry on a Z visa (Exit and Entry
// Administration Law Art. 30). Another visa type refers rather than refuses, because
// some holders lawfully change status in China (for example talents on R visas or
// holders of other visas granted a work permit) and only an officer can judge that.
func visaRule(p Policy, in Input) RuleResult {
	const id = "visa_type"
	accepted := strings.Join(p.AcceptedVisaTypes, ", ")
	v := strings.ToUpper(strings.TrimSpace(in.VisaType))
	switch {
	case v == "":
		return rule(id, Refer, fmt.Sprintf("未记录签证种类（应为 %s 字签证），请转交审核", accepted),
			fmt.Sprintf("visa type not recorded (expected %s); refer to an officer", accepted))
	case slices.Contains(p.AcceptedVisaTypes, v):
		return rule(id, Pass, fmt.Sprintf("持 %s 字签证入境", v), fmt.Sprintf("entered on a %s visa", v))
	}
	return rule(id, Refer, fmt.Sprintf("持 %s 字签证入境，工作类居留许可通常凭 %s 字签证申请，请转交审核", v, accepted),
		fmt.Sprintf("entered on a %s visa; a residence permit for work is normally applied for on a %s visa; refer to an officer", v, accepted))
}

// entryRule: apply within the policy's days of entry. A late application is referred,
// not refused: the law sets the deadline, but what follows a missed one is the
// officer's decision.
func entryRule(p Policy, in Input) RuleResult {
	const id = "entry_window"
	if in.EntryDate.IsZero() {
		return rule(id, Refer, "未记录入境日期，请转交审核", "entry date not recorded; refer to an officer")
	}
	days := in.EntryDate.DaysUntil(in.DecisionDate)
	limit := p.ApplyWithinDays
	switch {
	case days < 0:
		return rule(id, Fail, fmt.Sprintf("入境日期 %s 晚于决定日期", in.EntryDate),
			fmt.Sprintf("entry date %s is after the decision date", in.EntryDate))
	case days <= limit:
		return rule(id, Pass, fmt.Sprintf("入境 %d 天，期限为 %d 天", days, limit),
			fmt.Sprintf("entered %d days ago; the limit is %d days", days, limit))
	}
	return rule(id, Refer, fmt.Sprintf("入境已 %d 天，超过 %d 天期限，请转交审核", days, limit),
		fmt.Sprintf("entered %d days ago; the limit is %d days; refer to an officer", days, limit))
}

// permitStatusRule: the work permit must be valid on the decision date.
func permitStatusRule(in Input) RuleResult {
	const id = "permit_status"
	status := in.PermitStatus
	if status == domain.PermitValid && in.DecisionDate.After(in.PermitValidUntil) {
		status = domain.PermitExpired
	}
	switch status {
	case domain.PermitValid:
		return rule(id, Pass, "工作许可有效", "the work permit is valid")
	case domain.PermitExpired:
		return rule(id, Fail, fmt.Sprintf("工作许可已于 %s 过期", in.PermitValidUntil),
			fmt.Sprintf("the work permit expired on %s", in.PermitValidUntil))
	case domain.PermitCancelled:
		return rule(id, Fail, "工作许可已注销", "the work permit is cancelled")
	case domain.PermitRevoked:
		return rule(id, Fail, "工作许可已撤销", "the work permit is revoked")
	}
	return rule(id, Fail, fmt.Sprintf("工作许可状态未知（%q）", status), fmt.Sprintf("unknown work-permit status %q", status))
}

// holderRule: the person before the clerk must be the passport's holder. An unreadable
// MRZ is referred: the officer can check the passport by eye.
func holderRule(in Input) RuleResult {
	const id = "holder_match"
	switch in.HolderMatch {
	case identity.Authenticated:
		return rule(id, Pass, "持证人与护照一致", "the holder matches the passport")
	case identity.AuthMismatch:
		return rule(id, Fail, "持证人与护照信息不一致", "the holder's record does not match the passport")
	case identity.DocumentExpired:
		return rule(id, Fail, "护照已过期", "the passport has expired")
	case identity.MRZInvalid:
		return rule(id, Refer, "护照机读区无法校验，请人工核对", "the passport's MRZ failed its checks; refer for a manual check")
	}
	return rule(id, Fail, "尚未完成实名认证", "real-name authentication has not been done")
}

// permitDaysRule: with fewer days left than the policy asks, extend the permit first.
func permitDaysRule(p Policy, in Input) RuleResult {
	const id = "permit_days_left"
	left := in.DecisionDate.DaysUntil(in.PermitValidUntil)
	if in.PermitValidUntil.IsZero() || left < p.MinPermitDaysLeft {
		return rule(id, Fail,
			fmt.Sprintf("工作许可剩余 %d 天，至少需要 %d 天，请先办理延期", max(left, 0), p.MinPermitDaysLeft),
			fmt.Sprintf("the work permit has %d days left; at least %d are needed; extend the permit first", max(left, 0), p.MinPermitDaysLeft))
	}
	return rule(id, Pass, fmt.Sprintf("工作许可剩余 %d 天，至少需要 %d 天", left, p.MinPermitDaysLeft),
		fmt.Sprintf("the work permit has %d days left; at least %d are needed", left, p.MinPermitDaysLeft))
}

// passportRule: the passport must not have expired by the decision date.
func passportRule(in Input) RuleResult {
	const id = "passport_valid"
	switch {
	case in.PassportExpiry.IsZero():
		return rule(id, Fail, "未记录护照有效期", "passport expiry not recorded")
	case in.PassportExpiry.Before(in.DecisionDate):
		return rule(id, Fail, fmt.Sprintf("护照已于 %s 过期", in.PassportExpiry),
			fmt.Sprintf("the passport expired on %s", in.PassportExpiry))
	}
	return rule(id, Pass, fmt.Sprintf("护照有效期至 %s", in.PassportExpiry),
		fmt.Sprintf("the passport is valid until %s", in.PassportExpiry))
}

// validityRule: the residence permit runs from the decision date to the earliest of the
// cap, the work permit's end and the passport's expiry, and must reach the minimum.
func validityRule(p Policy, in Input, end domain.Date, limit limitKind) RuleResult {
	const id = "validity"
	days := in.DecisionDate.DaysUntil(end)
	var byZH, byEN string
	switch limit {
	case limitPermit:
		byZH, byEN = "受工作许可期限限制", "limited by the work permit's end"
	case limitPassport:
		byZH, byEN = "受护照有效期限制", "limited by the passport's expiry"
	default:
		byZH, byEN = fmt.Sprintf("最长 %d 年", p.MaxValidityYears), fmt.Sprintf("the %d-year maximum", p.MaxValidityYears)
	}
	if days < p.MinValidityDays {
		return rule(id, Fail,
			fmt.Sprintf("居留许可最多 %d 天（至 %s，%s），至少需要 %d 天", max(days, 0), end, byZH, p.MinValidityDays),
			fmt.Sprintf("the residence permit could run only %d days (to %s, %s); the minimum is %d days", max(days, 0), end, byEN, p.MinValidityDays))
	}
	return rule(id, Pass, fmt.Sprintf("居留许可可至 %s（%d 天，%s）", end, days, byZH),
		fmt.Sprintf("the residence permit can run to %s (%d days, %s)", end, days, byEN))
}

// documentsRule: an incomplete application is not eligible until the missing documents
// are brought; the explanation names them.
func documentsRule(missing []Document) RuleResult {
	const id = "documents"
	if len(missing) == 0 {
		return rule(id, Pass, "材料齐全", "all documents presented")
	}
	var zh, en []string
	for _, d := range missing {
		zh = append(zh, d.Label.ZH)
		en = append(en, d.Label.EN)
	}
	return rule(id, Fail, "缺少材料："+strings.Join(zh, "、"), "missing documents: "+strings.Join(en, ", "))
}

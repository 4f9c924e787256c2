package insurance

// Reason is a stable code for a decision; with it go texts a clerk can read out to the
// person at the counter.
type Reason string

const (
	ReasonRegistered          Reason = "registered"
	ReasonPermitNotFound      Reason = "permit_not_found"
	ReasonPermitExpired       Reason = "permit_expired"
	ReasonPermitCancelled     Reason = "permit_cancelled"
	ReasonPermitRevoked       Reason = "permit_revoked"
	ReasonPermitOfAnother     Reason = "permit_of_another_person"
	ReasonEmployerMismatch    Reason = "employer_mismatch"
	ReasonEmployerMissing     Reason = "employer_uscc_missing"
	ReasonAlreadyRegistered   Reason = "already_registered"
	ReasonExemptionNotCovered Reason = "exemption_not_covered"
	ReasonNoSSN               Reason = "no_ssn"
	ReasonCardExists          Reason = "card_exists"
	ReasonCardTransition      Reason = "card_transition_not_allowed"
	ReasonApplicationMissing  Reason = "application_details_missing"
	ReasonNoCard              Reason = "no_card"
	ReasonOutOfRegion         Reason = "person_out_of_region"
	ReasonMalformed           Reason = "malformed_request"
)

type texts struct{ zh, en string }

// reasonTexts is a function, not a package variable, so nothing global can change it.
func reasonTexts(r Reason) texts {
	switch r {
	case ReasonRegistered:
		return texts{"参保登记已受理。", "The insurance registration has been accepted."}
	case ReasonPermitNotFound:
		return texts{"系统中查不到该工作许可，请核对许可证号或通知书。", "The work permit was not found in the system; check the permit number or the Notification Letter."}
	case ReasonPermitExpired:
		return texts{"工作许可已过期，不能办理参保登记，请先办理延期或重新申请。", "The work permit has expired; it must be extended or applied for again before registration."}
	case ReasonPermitCancelled:
		return texts{"工作许可已注销，不能办理参保登记。", "The work permit has been cancelled; registration is not possible."}
	case ReasonPermitRevoked:
		return texts{"工作许可已被撤销，不能办理参保登记。", "The work permit has been revoked; registration is not possible."}
	case ReasonPermitOfAnother:
		return texts{"该工作许可不属于此人。", "This work permit belongs to another person."}
	case ReasonEmployerMismatch:
		return texts{"用人单位统一社会信用代码与工作许可上的单位不一致。", "The employer's unified social credit code does not match the employer on the work permit."}
	case ReasonEmployerMissing:
		return texts{"由单位办理时须提供有效的统一社会信用代码。", "A registration by the employer needs the employer's valid unified social credit code."}
	case ReasonAlreadyRegistered:
		return texts{"此人已凭该工作许可办理参保登记，无需重复办理。", "This person is already registered under this work permit; no second registration is needed."}
	case ReasonExemptionNotCovered:
		return texts{"所申请的免缴险种不在其国籍国与中国的双边协定范围内。", "The exemption asked for is not covered by an agreement between China and the person's country."}
	case ReasonNoSSN:
		return texts{"尚未分配社会保障号码，请先完成参保登记并等待中心分配。", "No social security number has been assigned yet; register first and wait for central to assign one."}
	case ReasonCardExists:
		return texts{"此人已有未注销的社会保障卡，不能重复申领。", "This person already has a social security card that is not cancelled; a second one cannot be applied for."}
	case ReasonCardTransition:
		return texts{"社会保障卡当前状态下不能办理此业务。", "This action is not possible in the card's current state."}
	case ReasonApplicationMissing:
		return texts{"申领实体卡须提供照片回执号和银行网点。", "A card application needs the photo receipt number and the bank branch."}
	case ReasonNoCard:
		return texts{"此人尚未申领实体社会保障卡。", "This person has no physical social security card."}
	case ReasonOutOfRegion:
		return texts{"此人不属于本网点所在地区，请到其工作地的经办机构办理。", "This person belongs to another region; the agency of their place of work handles the request."}
	case ReasonMalformed:
		return texts{"申请数据不完整，中心无法办理，请重新提交。", "The request was incomplete and central could not process it; please submit it again."}
	}
	return texts{"未知原因：" + string(r), "Unknown reason: " + string(r)}
}

// Message returns the reason's text in "zh" or "en".
func Message(r Reason, lang string) string {
	t := reasonTexts(r)
	if lang == "en" {
		return t.en
	}
	return t.zh
}

// Reasons lists every reason code, for catalogue tests.
func Reasons() []Reason {
	return []Reason{ReasonRegistered, ReasonPermitNotFound, ReasonPermitExpired, ReasonPermitCancelled,
		ReasonPermitRevoked, ReasonPermitOfAnother, ReasonEmployerMismatch, ReasonEmployerMissing,
		ReasonAlreadyRegistered, ReasonExemptionNotCovered, ReasonNoSSN, ReasonCardExists,
		ReasonCardTransition, ReasonApplicationMissing, ReasonNoCard, ReasonOutOfRegion, ReasonMalformed}
}

package credential

// Verdict is the outcome a clerk acts on.
type Verdict string

const (
	Valid        Verdict = "VALID"
	Invalid      Verdict = "INVALID"
	CannotVerify Verdict = "CANNOT_VERIFY"
)

// Reason is a stable, snake_case code for why a verdict was reached. Codes are part of
// the `onecard verify` output and the audit trail: never rename one.
type Reason string

const (
	ReasonOK                  Reason = "ok"
	ReasonPermitNotLocal      Reason = "permit_not_local"
	ReasonMalformed           Reason = "malformed"
	ReasonUnknownPrefix       Reason = "unknown_prefix"
	ReasonUnsupportedVersion  Reason = "unsupported_version"
	ReasonTooLarge            Reason = "too_large"
	ReasonNonCanonical        Reason = "noncanonical_cbor"
	ReasonNoTrustBundle       Reason = "no_trust_bundle"
	ReasonBundleStale         Reason = "bundle_stale"
	ReasonClockRollback       Reason = "clock_rollback"
	ReasonAlgNotAllowed       Reason = "alg_not_allowed"
	ReasonUnknownKey          Reason = "unknown_key"
	ReasonKeyAlgMismatch      Reason = "key_alg_mismatch"
	ReasonBadSignature        Reason = "bad_signature"
	ReasonKeyExpired          Reason = "key_expired"
	ReasonKeyNotYetValid      Reason = "key_not_yet_valid"
	ReasonWrongUse            Reason = "wrong_use"
	ReasonCodeExpired         Reason = "code_expired"
	ReasonNotYetValid         Reason = "not_yet_valid"
	ReasonHolderSignatureBad  Reason = "holder_signature_bad"
	ReasonHolderCodeStale     Reason = "holder_code_stale"
	ReasonHolderClockAhead    Reason = "holder_clock_ahead"
	ReasonReplayed            Reason = "replayed"
	ReasonCredentialRevoked   Reason = "credential_revoked"
	ReasonKeyRevoked          Reason = "key_revoked"
	ReasonPermitCancelled     Reason = "permit_cancelled"
	ReasonPermitRevoked       Reason = "permit_revoked"
	ReasonPermitExpired       Reason = "permit_expired"
	ReasonPermitStatusUnknown Reason = "permit_status_unknown"
	ReasonStoreError          Reason = "store_error"
)

// Reasons lists every reason code, for catalogue and completeness checks.
func Reasons() []Reason {
	return []Reason{
		ReasonOK, ReasonPermitNotLocal, ReasonMalformed, ReasonUnknownPrefix, ReasonUnsupportedVersion,
		ReasonTooLarge, ReasonNonCanonical, ReasonNoTrustBundle, ReasonBundleStale, ReasonClockRollback,
		ReasonAlgNotAllowed, ReasonUnknownKey, ReasonKeyAlgMismatch, ReasonBadSignature, ReasonKeyExpired,
		ReasonKeyNotYetValid, ReasonWrongUse, ReasonCodeExpired, ReasonNotYetValid, ReasonHolderSignatureBad,
		ReasonHolderCodeStale, ReasonHolderClockAhead, ReasonReplayed, ReasonCredentialRevoked,
		ReasonKeyRevoked, ReasonPermitCancelled, ReasonPermitRevoked, ReasonPermitExpired,
		ReasonPermitStatusUnknown, ReasonStoreError,
	}
}

// reasonEntry is one row of the reason table.
type reasonEntry struct {
	verdict Verdict
	zh, en  string
}

// entry is the reason table: the verdict each reason implies and its text in Chinese
// and English. It is a switch rather than a map so the table is constant.
func entry(r Reason) (reasonEntry, bool) {
	switch r {
	case ReasonOK:
		return reasonEntry{Valid, "凭证有效，签名、有效期及本地记录均已核验。", "Credential valid: signature, validity and local record checked."}, true
	case ReasonPermitNotLocal:
		return reasonEntry{Valid, "签名有效，但本地无此许可记录（可能属其他地区），请通过系统查询复核。", "Signature valid, but the permit is not in the local store (it may belong to another region); confirm by system query."}, true
	case ReasonMalformed:
		return reasonEntry{Invalid, "二维码内容格式错误。", "The code's content is malformed."}, true
	case ReasonUnknownPrefix:
		return reasonEntry{Invalid, "不是工作许可或电子社保卡二维码。", "Not a work-permit or e-SSC code."}, true
	case ReasonUnsupportedVersion:
		return reasonEntry{Invalid, "二维码版本不受支持。", "Unsupported code version."}, true
	case ReasonTooLarge:
		return reasonEntry{Invalid, "二维码内容超出长度限制。", "The code's content exceeds the size limit."}, true
	case ReasonNonCanonical:
		return reasonEntry{Invalid, "二维码数据编码不规范，可能被篡改。", "The code's data is not canonically encoded and may have been altered."}, true
	case ReasonNoTrustBundle:
		return reasonEntry{CannotVerify, "本机尚未安装信任包，无法核验，请先同步。", "No trust bundle installed; sync before verifying."}, true
	case ReasonBundleStale:
		return reasonEntry{CannotVerify, "信任包已过期，无法核验，请同步或导入新信任包。", "The trust bundle is too old; sync or import a new one."}, true
	case ReasonClockRollback:
		return reasonEntry{CannotVerify, "本机时钟早于上次同步时间，无法核验，请校正时间。", "The terminal clock is behind the last sync; correct the clock."}, true
	case ReasonAlgNotAllowed:
		return reasonEntry{Invalid, "签名算法不被允许。", "Signature algorithm not allowed."}, true
	case ReasonUnknownKey:
		return reasonEntry{CannotVerify, "签发密钥不在信任包中，请同步后重试。", "The signing key is not in the trust bundle; sync and retry."}, true
	case ReasonKeyAlgMismatch:
		return reasonEntry{Invalid, "签名算法与签发密钥不符。", "The signature algorithm does not match the signing key."}, true
	case ReasonBadSignature:
		return reasonEntry{Invalid, "签发机构签名无效，二维码可能被篡改。", "Issuer signature invalid; the code may have been altered."}, true
	case ReasonKeyExpired:
		return reasonEntry{Invalid, "签发时密钥已过期。", "The signing key had expired when the code was issued."}, true
	case ReasonKeyNotYetValid:
		return reasonEntry{Invalid, "签发时密钥尚未生效。", "The signing key was not yet valid when the code was issued."}, true
	case ReasonWrongUse:
		return reasonEntry{Invalid, "该密钥无权签发此类凭证。", "The signing key may not issue this kind of credential."}, true
	case ReasonCodeExpired:
		return reasonEntry{Invalid, "凭证已过期。", "The credential has expired."}, true
	case ReasonNotYetValid:
		return reasonEntry{Invalid, "凭证尚未生效。", "The credential is not yet valid."}, true
	case ReasonHolderSignatureBad:
		return reasonEntry{Invalid, "持证人手机签名无效。", "The holder's device signature is invalid."}, true
	case ReasonHolderCodeStale:
		return reasonEntry{Invalid, "动态码已失效（可能为截图），请持证人刷新。", "The dynamic code is stale (possibly a screenshot); ask the holder to refresh."}, true
	case ReasonHolderClockAhead:
		return reasonEntry{Invalid, "动态码时间晚于本机时间，请核对持证人手机时间。", "The dynamic code is dated in the future; check the holder's phone clock."}, true
	case ReasonReplayed:
		return reasonEntry{Invalid, "该动态码已被使用过。", "This dynamic code has already been used."}, true
	case ReasonCredentialRevoked:
		return reasonEntry{Invalid, "凭证已被撤销。", "The credential has been revoked."}, true
	case ReasonKeyRevoked:
		return reasonEntry{Invalid, "签发密钥已被撤销。", "The signing key has been revoked."}, true
	case ReasonPermitCancelled:
		return reasonEntry{Invalid, "工作许可已注销。", "The work permit has been cancelled."}, true
	case ReasonPermitRevoked:
		return reasonEntry{Invalid, "工作许可已被撤销。", "The work permit has been revoked."}, true
	case ReasonPermitExpired:
		return reasonEntry{Invalid, "工作许可已过期。", "The work permit has expired."}, true
	case ReasonPermitStatusUnknown:
		return reasonEntry{CannotVerify, "本地许可记录状态无法识别。", "The local permit record has an unrecognised status."}, true
	case ReasonStoreError:
		return reasonEntry{CannotVerify, "本地数据读取失败，无法核验。", "The local store could not be read; cannot verify."}, true
	}
	return reasonEntry{}, false
}

// VerdictOf is the verdict a reason implies; an unknown reason cannot verify.
func VerdictOf(r Reason) Verdict {
	e, ok := entry(r)
	if !ok {
		return CannotVerify
	}
	return e.verdict
}

// Message is the reason's text in lang ("zh" or "en"; anything else gets English).
// An unknown reason is returned as its code so nothing is silently blank.
func Message(r Reason, lang string) string {
	e, ok := entry(r)
	if !ok {
		return string(r)
	}
	if lang == "zh" {
		return e.zh
	}
	return e.en
}

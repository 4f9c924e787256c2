package credential

import "time"

// Result is one verification's answer, shaped for `onecard verify` (JSON) and the
// scan screen. Claims are shown whenever the payload decoded; Checks lists, in order,
// the checks that passed, so a clerk can tell a signed claim from a merely decoded one.
type Result struct {
	Verdict     Verdict         `json:"verdict"`
	Reason      Reason          `json:"reason"`
	Permit      string          `json:"permit,omitempty"`
	Kind        Use             `json:"kind,omitempty"`
	MessageZH   string          `json:"message_zh"`
	MessageEN   string          `json:"message_en"`
	Detail      string          `json:"detail,omitempty"`
	Holder      *HolderInfo     `json:"holder,omitempty"`
	Credential  *CredentialInfo `json:"credential,omitempty"`
	Bundle      *BundleInfo     `json:"bundle,omitempty"`
	LocalRecord string          `json:"local_record,omitempty"`
	CheckedAt   time.Time       `json:"checked_at"`
	Checks      []Check         `json:"checks"`
}

// HolderInfo is the person the credential names, in MRZ form.
type HolderInfo struct {
	Surname     string `json:"surname"`
	GivenNames  string `json:"given_names"`
	Nationality string `json:"nationality"`
	BirthDate   string `json:"birth_date"`
}

// CredentialInfo is the rest of what the credential says.
type CredentialInfo struct {
	ID         string     `json:"id"`
	Category   string     `json:"category"`
	Employer   string     `json:"employer"`
	ValidFrom  string     `json:"valid_from"`
	ValidUntil string     `json:"valid_until"`
	IssuedAt   time.Time  `json:"issued_at"`
	ExpiresAt  time.Time  `json:"expires_at"`
	KeyID      string     `json:"key_id"`
	Alg        string     `json:"alg"`
	CodeTime   *time.Time `json:"code_time,omitempty"` // ESC1: when the phone made the code
}

// BundleInfo is the trust bundle the verdict was reached with; its age is always shown.
type BundleInfo struct {
	Version    uint64    `json:"version"`
	IssuedAt   time.Time `json:"issued_at"`
	AgeSeconds int64     `json:"age_seconds"`
}

// Check names one verification step.
type Check string

const (
	CheckFormat        Check = "format"
	CheckClock         Check = "clock"
	CheckTrustBundle   Check = "trust_bundle"
	CheckAlgorithm     Check = "algorithm"
	CheckKey           Check = "key"
	CheckSignature     Check = "signature"
	CheckKeyValidity   Check = "key_validity"
	CheckUse           Check = "use"
	CheckValidity      Check = "validity"
	CheckHolderBinding Check = "holder_binding"
	CheckFreshness     Check = "freshness"
	CheckReplay        Check = "replay"
	CheckRevocation    Check = "revocation"
	CheckLocalRecord   Check = "local_record"
)

func (r *Result) describe(p *Payload) {
	c := p.Claims
	r.Kind, r.Permit = p.Kind, c.Permit
	r.Holder = &HolderInfo{Surname: c.Surname, GivenNames: c.GivenNames, Nationality: c.Nationality, BirthDate: c.BirthDate}
	r.Credential = &CredentialInfo{ID: c.ID, Category: c.Category, Employer: c.Employer, ValidFrom: c.ValidFrom,
		ValidUntil: c.ValidUntil, IssuedAt: c.IssuedAtTime(), ExpiresAt: c.ExpiresTime(), KeyID: p.KeyID, Alg: p.Alg.String()}
	if p.Proof != nil {
		t := p.Proof.Time
		r.Credential.CodeTime = &t
	}
}

// finish sets the verdict and texts for reason; detail is the technical cause, if any.
func (r *Result) finish(reason Reason, detail error) Result {
	r.Reason, r.Verdict = reason, VerdictOf(reason)
	r.MessageZH, r.MessageEN = Message(reason, "zh"), Message(reason, "en")
	if detail != nil {
		r.Detail = detail.Error()
	}
	return *r
}

// StoreError is the answer when no verifier could be built because the terminal's
// store could not be read: CANNOT_VERIFY with reason store_error, never a pass.
func StoreError(at time.Time, err error) Result {
	r := Result{CheckedAt: at}
	return r.finish(ReasonStoreError, err)
}

package sync

import (
	"encoding/json"
	"time"
)

// Endpoints of central's HTTPS API.
const (
	PathEnroll  = "/v1/enroll"
	PathChanges = "/v1/changes"
	PathEvents  = "/v1/events"
	PathHealth  = "/healthz"
	PathMetrics = "/metrics"
)

// HeaderRegion carries the region the terminal believes it serves; central refuses a
// terminal whose configured region is not the one it was enrolled for.
const HeaderRegion = "Onecard-Region"

// DefaultPageSize is how many changes one pull page carries. Each page is a request and
// a kiosk transaction of its own; 10,000 rather than 5,000 took a first sync of a
// million persons from 23.6 to 22.9 s for about 5 MB more at the kiosk's peak (three
// pages are in memory at most, see Client.Pull).
const DefaultPageSize = 10_000

// MaxPageSize caps a page so that a terminal cannot ask central for unbounded work.
const MaxPageSize = 50_000

// Change kinds: what a Change's Doc holds.
const (
	KindPerson       = "person"       // domain.Person; key: person id
	KindPermit       = "permit"       // domain.WorkPermit; key: permit number
	KindESSC         = "essc"         // domain.ESSC; key: person id
	KindCard         = "card"         // domain.PhysicalCard; key: person id
	KindRegistration = "registration" // domain.InsuranceRegistration; key: its id
	KindVerification = "verification" // domain.ResidenceVerification; key: its ref
	KindNotification = "notification" // domain.Notification; key: its id
	KindStaff        = "staff"        // domain.Staff; key: staff id
	KindBundle       = "bundle"       // Bundle; key: BundleKey
	KindSetting      = "setting"      // a setting's JSON document; key: its name
	KindCardEvent    = "card_event"   // insurance.CardEvent; key: its id
)

// BundleKey is the key of the one trust-bundle record.
const BundleKey = "trust"

// Change operations.
const (
	OpUpsert = "upsert"
	OpDelete = "delete" // a person delete removes every record linked to the person
)

// Scopes of a change: a region code, National, or BranchScope(branch).
const National = "national"

// BranchScope is the scope of records that only one branch receives (its staff).
func BranchScope(branch string) string { return "branch:" + branch }

// Change is one line of a pull page.
type Change struct {
	Seq  int64           `json:"seq"`
	Kind string          `json:"kind"`
	Key  string          `json:"key"`
	Op   string          `json:"op"`
	Doc  json.RawMessage `json:"doc,omitempty"`

	docText string // Doc as a string, when the pull's own line parser read it
}

// PageEnd is the last line of a complete page.
type PageEnd struct {
	End        bool      `json:"end"`
	Cursor     int64     `json:"cursor"` // the seq to ask after next time
	More       bool      `json:"more"`   // another page is waiting
	ServerTime time.Time `json:"server_time"`
}

// Bundle is the trust-bundle record: the root-signed bundle (credential.SignBundle).
type Bundle struct {
	Version  uint64    `json:"version"`
	IssuedAt time.Time `json:"issued_at"`
	Signed   []byte    `json:"signed"`
}

// Event is one outbox event pushed to central.
type Event struct {
	Seq       int64     `json:"seq"`
	Kind      string    `json:"kind"`
	Payload   []byte    `json:"payload"` // the kind's JSON payload
	CreatedAt time.Time `json:"created_at"`
}

// PushRequest is the body of POST /v1/events.
type PushRequest struct {
	Events []Event `json:"events"`
}

// Answer is central's verdict on one event.
type Answer struct {
	Seq    int64  `json:"seq"`
	State  string `json:"state"` // domain.OutboxAccepted or domain.OutboxRejected
	Reason string `json:"reason,omitempty"`
}

// PushResponse answers a PushRequest, one Answer per event.
type PushResponse struct {
	Answers    []Answer  `json:"answers"`
	ServerTime time.Time `json:"server_time"`
}

// MaxPushBatch caps the events of one push request.
const MaxPushBatch = 1000

// EnrollRequest is the body of POST /v1/enroll.
type EnrollRequest struct {
	CodeID string `json:"code_id"`
	Secret string `json:"secret"`
	CSR    []byte `json:"csr"` // DER certificate request for the terminal's key
}

// EnrollResponse gives the terminal its identity and credentials.
type EnrollResponse struct {
	TerminalID  string    `json:"terminal_id"`
	Branch      string    `json:"branch"`
	Region      string    `json:"region"`
	Certificate []byte    `json:"certificate"` // DER client certificate
	CA          []byte    `json:"ca"`          // DER certificate of central's CA
	TrustRoot   []byte    `json:"trust_root"`  // Ed25519 public key that signs trust bundles
	ServerTime  time.Time `json:"server_time"`
}

// Problem is the body of every error answer.
type Problem struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Problem codes central answers with.
const (
	ProblemUnenrolled  = "unenrolled"   // no client certificate, or an unknown one
	ProblemRevoked     = "revoked"      // the terminal was revoked
	ProblemWrongRegion = "wrong_region" // the terminal's region is not its enrolled one
	ProblemBadCode     = "bad_code"     // enrollment code unknown or wrong
	ProblemCodeUsed    = "code_used"    // enrollment code already redeemed
	ProblemCodeExpired = "code_expired" // enrollment code past its expiry
	ProblemBadRequest  = "bad_request"
	ProblemInternal    = "internal"
)

package insurance

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"onecard/domain"
	"onecard/identity"
)

func uscc(t *testing.T, first17 string) string {
	t.Helper()
	c, err := identity.USCCCheck(first17)
	if err != nil {
		t.Fatal(err)
	}
	return first17 + string(c)
}

func TestDefaultAgreements(t *testing.T) {
	a := DefaultAgreements()
	if a.AsOf.IsZero() || len(a.Agreements) < 9 {
		t.Fatalf("built-in list: %+v", a)
	}
	day := domain.MustDate("2026-11-27")
	if got := a.Exemptions("DEU", day); !slices.Equal(got, []string{Pension, Unemployment}) {
		t.Errorf("DEU: %v", got)
	}
	if got := a.Exemptions("JPN", domain.MustDate("2019-08-31")); got != nil {
		t.Errorf("JPN before entry into force: %v", got)
	}
	if got := a.Exemptions("USA", day); got != nil {
		t.Errorf("USA (no agreement): %v", got)
	}
}

func TestParseAgreementsRejects(t *testing.T) {
	for name, doc := range map[string]string{
		"not json":        `{`,
		"no as_of":        `{"agreements":[]}`,
		"bad country":     `{"as_of":"2026-01-01","agreements":[{"country":"De","in_force":"2020-01-01","insurances":["pension"],"source":"x"}]}`,
		"twice":           `{"as_of":"2026-01-01","agreements":[{"country":"DEU","in_force":"2020-01-01","insurances":["pension"],"source":"x"},{"country":"DEU","in_force":"2020-01-01","insurances":["pension"],"source":"x"}]}`,
		"no source":       `{"as_of":"2026-01-01","agreements":[{"country":"DEU","in_force":"2020-01-01","insurances":["pension"]}]}`,
		"unknown insurer": `{"as_of":"2026-01-01","agreements":[{"country":"DEU","in_force":"2020-01-01","insurances":["housing"],"source":"x"}]}`,
	} {
		if _, err := ReadAgreements(strings.NewReader(doc)); !errors.Is(err, ErrAgreements) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

func TestDecideRegistration(t *testing.T) {
	employer := uscc(t, "91310000000000012")
	other := uscc(t, "91310000000000013")
	person := domain.Person{ID: 7, Nationality: "DEU"}
	permit := func(status domain.PermitStatus) *domain.WorkPermit {
		return &domain.WorkPermit{Number: "310000W00000000007", PersonID: 7, EmployerUSCC: employer, Status: status,
			ValidFrom: domain.MustDate("2026-11-01"), ValidUntil: domain.MustDate("2027-10-31")}
	}
	base := func() RegistrationRequest {
		return RegistrationRequest{Person: person, Permit: permit(domain.PermitValid), Registrant: domain.RegistrantEmployer,
			EmployerUSCC: employer, Day: domain.MustDate("2026-12-01")}
	}
	agreements := DefaultAgreements()
	for _, tc := range []struct {
		name   string
		edit   func(r *RegistrationRequest)
		reason Reason
		late   bool
	}{
		{"on the 30th day", func(r *RegistrationRequest) {}, ReasonRegistered, false},
		{"on the 31st day: late but accepted", func(r *RegistrationRequest) { r.Day = domain.MustDate("2026-12-02") }, ReasonRegistered, true},
		{"by the foreigner without USCC", func(r *RegistrationRequest) { r.Registrant, r.EmployerUSCC = domain.RegistrantSelf, "" }, ReasonRegistered, false},
		{"permit not found", func(r *RegistrationRequest) { r.Permit = nil }, ReasonPermitNotFound, false},
		{"permit of another", func(r *RegistrationRequest) { r.Permit.PersonID = 8 }, ReasonPermitOfAnother, false},
		{"expired by date", func(r *RegistrationRequest) { r.Day = domain.MustDate("2027-11-01") }, ReasonPermitExpired, false},
		{"cancelled", func(r *RegistrationRequest) { r.Permit = permit(domain.PermitCancelled) }, ReasonPermitCancelled, false},
		{"revoked", func(r *RegistrationRequest) { r.Permit = permit(domain.PermitRevoked) }, ReasonPermitRevoked, false},
		{"employer without USCC", func(r *RegistrationRequest) { r.EmployerUSCC = "" }, ReasonEmployerMissing, false},
		{"another employer", func(r *RegistrationRequest) { r.EmployerUSCC = other }, ReasonEmployerMismatch, false},
		{"duplicate", func(r *RegistrationRequest) {
			r.Existing = []domain.InsuranceRegistration{{PermitNumber: "310000W00000000007", Status: domain.RegistrationPending}}
		}, ReasonAlreadyRegistered, false},
		{"after a rejected one", func(r *RegistrationRequest) {
			r.Existing = []domain.InsuranceRegistration{{PermitNumber: "310000W00000000007", Status: domain.RegistrationRejected}}
		}, ReasonRegistered, false},
		{"exempt under the German agreement", func(r *RegistrationRequest) { r.RequestExempt = []string{Pension} }, ReasonRegistered, false},
		{"exemption not covered", func(r *RegistrationRequest) { r.RequestExempt = []string{Medical} }, ReasonExemptionNotCovered, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := base()
			tc.edit(&req)
			d := DecideRegistration(req, agreements)
			if d.Reason != tc.reason || d.Accepted != (tc.reason == ReasonRegistered) || d.Late != tc.late {
				t.Fatalf("decision %+v; want %s late=%v", d, tc.reason, tc.late)
			}
			if d.Accepted && d.Deadline != domain.MustDate("2026-12-01") {
				t.Fatalf("deadline %s", d.Deadline)
			}
		})
	}
	d := DecideRegistration(RegistrationRequest{Person: person, Permit: permit(domain.PermitValid), Registrant: domain.RegistrantSelf,
		RequestExempt: []string{Pension, Unemployment}, Day: domain.MustDate("2026-11-20")}, agreements)
	if !slices.Equal(d.Exempt, []string{Pension, Unemployment}) || d.Agreement != "DEU" || d.AgreementSrc == "" {
		t.Fatalf("exemption decision %+v", d)
	}
}

func TestCardStates(t *testing.T) {
	for _, tc := range []struct {
		from   domain.CardState
		action CardAction
		to     domain.CardState
		ok     bool
	}{
		{domain.CardNotActivated, ActionActivate, domain.CardNormal, true},
		{domain.CardNormal, ActionReportOralLoss, domain.CardOralLoss, true},
		{domain.CardOralLoss, ActionReportWrittenLoss, domain.CardWrittenLoss, true},
		{domain.CardOralLoss, ActionLiftLoss, domain.CardNormal, true},
		{domain.CardWrittenLoss, ActionLiftLoss, domain.CardNormal, true},
		{domain.CardNormal, ActionFreeze, domain.CardFrozen, true},
		{domain.CardFrozen, ActionUnfreeze, domain.CardNormal, true},
		{domain.CardFrozen, ActionCancel, domain.CardCancelled, true},
		{domain.CardNormal, ActionActivate, domain.CardNormal, false},
		{domain.CardFrozen, ActionReportOralLoss, domain.CardFrozen, false},
		{domain.CardWrittenLoss, ActionReportOralLoss, domain.CardWrittenLoss, false},
		{domain.CardCancelled, ActionLiftLoss, domain.CardCancelled, false},
		{domain.CardCancelled, ActionActivate, domain.CardCancelled, false},
	} {
		got, err := NextCardState(tc.from, tc.action)
		if got != tc.to || (err == nil) != tc.ok || (!tc.ok && !errors.Is(err, ErrCardTransition)) {
			t.Errorf("%s --%s--> %s, %v; want %s ok=%v", tc.from, tc.action, got, err, tc.to, tc.ok)
		}
	}
	if got := AllowedCardActions(domain.CardCancelled); len(got) != 0 {
		t.Errorf("a cancelled card allows %v", got)
	}
	for _, s := range domain.CardStates() {
		for _, a := range AllowedCardActions(s) {
			if _, err := NextCardState(s, a); err != nil {
				t.Errorf("allowed %s from %s fails: %v", a, s, err)
			}
		}
	}
}

func TestCheckCardApplication(t *testing.T) {
	app := CardApplication{PhotoReceipt: "PR1", BankBranch: "ICBC"}
	live := &domain.PhysicalCard{State: domain.CardFrozen}
	dead := &domain.PhysicalCard{State: domain.CardCancelled}
	for _, tc := range []struct {
		ssn  string
		card *domain.PhysicalCard
		app  CardApplication
		want Reason
	}{
		{"310000900000000011", nil, app, ""},
		{"310000900000000011", dead, app, ""},
		{"", nil, app, ReasonNoSSN},
		{"310000900000000011", live, app, ReasonCardExists},
		{"310000900000000011", nil, CardApplication{PhotoReceipt: " "}, ReasonApplicationMissing},
	} {
		if got := CheckCardApplication(tc.ssn, tc.card, tc.app); got != tc.want {
			t.Errorf("CheckCardApplication(%q, %v, %+v) = %q, want %q", tc.ssn, tc.card, tc.app, got, tc.want)
		}
	}
}

func TestEveryReasonHasBothTexts(t *testing.T) {
	for _, r := range Reasons() {
		zh, en := Message(r, "zh"), Message(r, "en")
		if strings.HasPrefix(zh, "未知") || strings.HasPrefix(en, "Unknown") || zh == en {
			t.Errorf("%s: zh %q en %q", r, zh, en)
		}
	}
}

func TestReadAgreementsTooLarge(t *testing.T) {
	doc := `{"as_of":"2026-01-01","note":"` + strings.Repeat("x", maxAgreementsSize) + `","agreements":[]}`
	if _, err := ReadAgreements(strings.NewReader(doc)); !errors.Is(err, ErrAgreements) || !strings.Contains(err.Error(), "larger than") {
		t.Fatalf("err = %v", err)
	}
}

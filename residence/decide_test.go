package residence

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"onecard/domain"
	"onecard/identity"
)

var decisionDay = domain.MustDate("2026-03-01")

func allDocuments() []string {
	var ids []string
	for _, d := range DefaultPolicy().Documents {
		ids = append(ids, d.ID)
	}
	return ids
}

func without(ids []string, drop ...string) []string {
	var out []string
	for _, id := range ids {
		if !strings.Contains(" "+strings.Join(drop, " ")+" ", " "+id+" ") {
			out = append(out, id)
		}
	}
	return out
}

// baseInput is eligible: entered 14 days ago on a Z visa, two years left on the permit.
func baseInput() Input {
	return Input{
		PermitStatus:     domain.PermitValid,
		PermitValidUntil: domain.MustDate("2028-03-01"),
		HolderMatch:      identity.Authenticated,
		PassportExpiry:   domain.MustDate("2030-01-01"),
		EntryDate:        decisionDay.AddDays(-14),
		VisaType:         "Z",
		FirstApplication: true,
		Documents:        allDocuments(),
		DecisionDate:     decisionDay,
	}
}

func results(d Decision) map[string]Result {
	out := map[string]Result{}
	for _, r := range d.Rules {
		out[r.ID] = r.Result
	}
	return out
}

func explain(d Decision, id string) Text {
	for _, r := range d.Rules {
		if r.ID == id {
			return r.Explain
		}
	}
	return Text{}
}

func TestDecide(t *testing.T) {
	tests := []struct {
		name       string
		edit       func(*Input)
		outcome    domain.ResidenceDecision
		validUntil string
		rules      map[string]Result // rules whose result is not pass
		explainEN  map[string]string
	}{
		{"eligible", func(*Input) {}, domain.DecisionEligible, "2028-03-01", nil,
			map[string]string{"validity": "the residence permit can run to 2028-03-01 (731 days, limited by the work permit's end)"}},
		{"day 30 after entry", func(in *Input) { in.EntryDate = decisionDay.AddDays(-30) }, domain.DecisionEligible, "2028-03-01", nil,
			map[string]string{"entry_window": "entered 30 days ago; the limit is 30 days"}},
		{"day 31 after entry", func(in *Input) { in.EntryDate = decisionDay.AddDays(-31) }, domain.DecisionRefer, "",
			map[string]Result{"entry_window": Refer},
			map[string]string{"entry_window": "entered 31 days ago; the limit is 30 days; refer to an officer"}},
		{"entry after the decision date", func(in *Input) { in.EntryDate = decisionDay.AddDays(1) }, domain.DecisionNotEligible, "",
			map[string]Result{"entry_window": Fail}, nil},
		{"entry not recorded", func(in *Input) { in.EntryDate = 0 }, domain.DecisionRefer, "",
			map[string]Result{"entry_window": Refer}, nil},
		{"90 days left on the permit", func(in *Input) { in.PermitValidUntil = decisionDay.AddDays(90) }, domain.DecisionEligible, "2026-05-30", nil,
			map[string]string{"permit_days_left": "the work permit has 90 days left; at least 90 are needed"}},
		{"89 days left on the permit", func(in *Input) { in.PermitValidUntil = decisionDay.AddDays(89) }, domain.DecisionNotEligible, "",
			map[string]Result{"permit_days_left": Fail, "validity": Fail},
			map[string]string{"permit_days_left": "the work permit has 89 days left; at least 90 are needed; extend the permit first"}},
		{"passport expires before the permit", func(in *Input) { in.PassportExpiry = domain.MustDate("2027-01-15") }, domain.DecisionEligible, "2027-01-15", nil,
			map[string]string{"validity": "the residence permit can run to 2027-01-15 (320 days, limited by the passport's expiry)"}},
		{"passport leaves 90 days", func(in *Input) { in.PassportExpiry = decisionDay.AddDays(90) }, domain.DecisionEligible, "2026-05-30", nil, nil},
		{"passport leaves 89 days", func(in *Input) { in.PassportExpiry = decisionDay.AddDays(89) }, domain.DecisionNotEligible, "",
			map[string]Result{"validity": Fail},
			map[string]string{"validity": "the residence permit could run only 89 days (to 2026-05-29, limited by the passport's expiry); the minimum is 90 days"}},
		{"passport expired", func(in *Input) { in.PassportExpiry = decisionDay.AddDays(-1) }, domain.DecisionNotEligible, "",
			map[string]Result{"passport_valid": Fail, "validity": Fail}, nil},
		{"passport expires on the decision day", func(in *Input) { in.PassportExpiry = decisionDay }, domain.DecisionNotEligible, "",
			map[string]Result{"validity": Fail}, nil},
		{"cancelled permit", func(in *Input) { in.PermitStatus = domain.PermitCancelled }, domain.DecisionNotEligible, "",
			map[string]Result{"permit_status": Fail}, map[string]string{"permit_status": "the work permit is cancelled"}},
		{"revoked permit", func(in *Input) { in.PermitStatus = domain.PermitRevoked }, domain.DecisionNotEligible, "",
			map[string]Result{"permit_status": Fail}, map[string]string{"permit_status": "the work permit is revoked"}},
		{"permit past its end but recorded valid", func(in *Input) { in.PermitValidUntil = decisionDay.AddDays(-1) }, domain.DecisionNotEligible, "",
			map[string]Result{"permit_status": Fail, "permit_days_left": Fail, "validity": Fail},
			map[string]string{"permit_status": "the work permit expired on 2026-02-28"}},
		{"unknown permit status", func(in *Input) { in.PermitStatus = "" }, domain.DecisionNotEligible, "",
			map[string]Result{"permit_status": Fail}, nil},
		{"R visa", func(in *Input) { in.VisaType = "R" }, domain.DecisionRefer, "",
			map[string]Result{"visa_type": Refer}, nil},
		{"lower-case z visa", func(in *Input) { in.VisaType = " z" }, domain.DecisionEligible, "2028-03-01", nil, nil},
		{"visa not recorded", func(in *Input) { in.VisaType = "" }, domain.DecisionRefer, "",
			map[string]Result{"visa_type": Refer}, nil},
		{"5-year cap", func(in *Input) {
			in.PermitValidUntil = domain.MustDate("2031-06-01")
			in.PassportExpiry = domain.MustDate("2035-01-01")
		}, domain.DecisionEligible, "2031-03-01", nil,
			map[string]string{"validity": "the residence permit can run to 2031-03-01 (1826 days, the 5-year maximum)"}},
		{"documents missing", func(in *Input) { in.Documents = without(allDocuments(), "photo_receipt", "employer_letter") },
			domain.DecisionNotEligible, "", map[string]Result{"documents": Fail},
			map[string]string{"documents": "missing documents: photo receipt, employer letter"}},
		{"first application without health certificate", func(in *Input) { in.Documents = without(allDocuments(), "health_certificate") },
			domain.DecisionNotEligible, "", map[string]Result{"documents": Fail},
			map[string]string{"documents": "missing documents: health certificate"}},
		{"renewal without health certificate", func(in *Input) {
			in.FirstApplication = false
			in.Documents = without(allDocuments(), "health_certificate")
		}, domain.DecisionEligible, "2028-03-01", nil, nil},
		{"holder does not match the passport", func(in *Input) { in.HolderMatch = identity.AuthMismatch }, domain.DecisionNotEligible, "",
			map[string]Result{"holder_match": Fail}, nil},
		{"MRZ unreadable", func(in *Input) { in.HolderMatch = identity.MRZInvalid }, domain.DecisionRefer, "",
			map[string]Result{"holder_match": Refer}, nil},
		{"real-name check not done", func(in *Input) { in.HolderMatch = "" }, domain.DecisionNotEligible, "",
			map[string]Result{"holder_match": Fail}, nil},
		{"a failure outranks a referral", func(in *Input) {
			in.VisaType = "F"
			in.PermitStatus = domain.PermitRevoked
		}, domain.DecisionNotEligible, "", map[string]Result{"visa_type": Refer, "permit_status": Fail}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := baseInput()
			tt.edit(&in)
			d := Decide(DefaultPolicy(), in)
			if d.Outcome != tt.outcome || d.ValidUntil.String() != tt.validUntil {
				t.Errorf("outcome %s until %q, want %s %q", d.Outcome, d.ValidUntil, tt.outcome, tt.validUntil)
			}
			if d.Outcome == domain.DecisionEligible && d.ValidFrom != decisionDay {
				t.Errorf("valid from %s", d.ValidFrom)
			}
			got := map[string]Result{}
			for id, r := range results(d) {
				if r != Pass {
					got[id] = r
				}
			}
			want := tt.rules
			if want == nil {
				want = map[string]Result{}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("rules not passed %v, want %v", got, want)
			}
			if len(d.Rules) != 8 {
				t.Errorf("%d rules listed, want all 8", len(d.Rules))
			}
			for id, en := range tt.explainEN {
				if e := explain(d, id); e.EN != en || e.ZH == "" {
					t.Errorf("%s explains %+v, want en %q", id, e, en)
				}
			}
		})
	}
}

func TestDecideLists(t *testing.T) {
	in := baseInput()
	in.Documents = without(allDocuments(), "health_certificate", "application_form")
	d := Decide(DefaultPolicy(), in)
	if !reflect.DeepEqual(d.Missing, []string{"application_form", "health_certificate"}) {
		t.Errorf("missing %v", d.Missing)
	}
	if e := explain(d, "documents"); e.ZH != "缺少材料：申请表、健康证明" {
		t.Errorf("zh explanation %q", e.ZH)
	}
	if e := explain(d, "entry_window"); e.ZH != "入境 14 天，期限为 30 天" {
		t.Errorf("zh explanation %q", e.ZH)
	}
	b, err := json.Marshal(d)
	if err != nil || !strings.Contains(string(b), `"outcome":"not_eligible"`) {
		t.Errorf("marshal: %v %s", err, b)
	}
}

func TestDecideFollowsPolicy(t *testing.T) {
	p := DefaultPolicy()
	p.ApplyWithinDays = 45
	p.AcceptedVisaTypes = []string{"Z", "R"}
	p.MaxValidityYears = 1
	in := baseInput()
	in.EntryDate = decisionDay.AddDays(-40)
	in.VisaType = "R"
	d := Decide(p, in)
	if d.Outcome != domain.DecisionEligible || d.ValidUntil != domain.MustDate("2027-03-01") {
		t.Errorf("outcome %s until %s rules %+v", d.Outcome, d.ValidUntil, d.Rules)
	}
}

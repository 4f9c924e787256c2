package credential

import (
	"encoding/json"
	"regexp"
	"testing"
	"time"
)

func TestReasonTable(t *testing.T) {
	code := regexp.MustCompile(`^[a-z]+(_[a-z]+)*$`)
	seen := map[Reason]bool{}
	for _, r := range Reasons() {
		if seen[r] {
			t.Errorf("%s listed twice", r)
		}
		seen[r] = true
		if !code.MatchString(string(r)) {
			t.Errorf("%q is not snake_case", r)
		}
		zh, en := Message(r, "zh"), Message(r, "en")
		if zh == string(r) || en == string(r) || zh == en {
			t.Errorf("%s: zh %q en %q", r, zh, en)
		}
	}
	if VerdictOf("no_such_reason") != CannotVerify || Message("no_such_reason", "en") != "no_such_reason" {
		t.Error("an unknown reason must not pass or go blank")
	}
	for r, v := range map[Reason]Verdict{ReasonOK: Valid, ReasonPermitNotLocal: Valid, ReasonBadSignature: Invalid,
		ReasonUnknownKey: CannotVerify, ReasonBundleStale: CannotVerify, ReasonPermitCancelled: Invalid} {
		if VerdictOf(r) != v {
			t.Errorf("VerdictOf(%s) = %s, want %s", r, VerdictOf(r), v)
		}
	}
}

func TestResultJSON(t *testing.T) {
	f := newFixture(t)
	r := f.verify(f.essc(f.holder(), t0))
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Verdict    string                   `json:"verdict"`
		Reason     string                   `json:"reason"`
		Permit     string                   `json:"permit"`
		Kind       string                   `json:"kind"`
		MessageZH  string                   `json:"message_zh"`
		MessageEN  string                   `json:"message_en"`
		Holder     struct{ Surname string } `json:"holder"`
		Credential struct {
			CodeTime time.Time `json:"code_time"`
		} `json:"credential"`
		Bundle struct {
			AgeSeconds int64 `json:"age_seconds"`
		} `json:"bundle"`
		Checks []string `json:"checks"`
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got.Verdict != "VALID" || got.Reason != "ok" || got.Permit != testPermit().Number || got.Kind != "essc" ||
		got.MessageZH == "" || got.MessageEN == "" || got.Holder.Surname != "MUELLER" ||
		!got.Credential.CodeTime.Equal(t0) || got.Bundle.AgeSeconds != 3600 || len(got.Checks) != 14 {
		t.Fatalf("JSON %s", b)
	}
}

package assets

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"onecard/credential"
	"onecard/domain"
	"onecard/identity"
)

func TestEveryIDInBothLanguages(t *testing.T) {
	c := NewCatalog(Chinese)
	for _, pair := range [][2]Lang{{Chinese, English}, {English, Chinese}} {
		for _, id := range c.IDs(pair[0]) {
			if !c.Has(pair[1], id) {
				t.Errorf("%s has %q, %s does not", pair[0], id, pair[1])
			}
		}
	}
	seen := map[string]bool{}
	for _, e := range table() {
		if seen[e.id] {
			t.Errorf("id %q twice", e.id)
		}
		seen[e.id] = true
		if strings.Count(e.zh, "%") != strings.Count(e.en, "%") {
			t.Errorf("%q: format verbs differ: %q / %q", e.id, e.zh, e.en)
		}
	}
}

// usedID finds catalogue ids in code: c.Text.T("id"), F("id", ...), In(lang, "id"),
// key bindings' help ids and menu entries' ids.
var usedID = regexp.MustCompile(`(?:\.T\(|\.F\(|\.In\([^,()]+, |Binding\("[^"]*", |\bb\("[^"]*", |ID: )"([a-z0-9_]+\.[a-z0-9_.]*[a-z0-9_])"`)

func TestEveryUsedIDExists(t *testing.T) {
	c := NewCatalog(Chinese)
	n := 0
	for _, root := range []string{"../app", "../screens"} {
		err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, m := range usedID.FindAllStringSubmatch(string(src), -1) {
				n++
				if !c.Has(Chinese, m[1]) || !c.Has(English, m[1]) {
					t.Errorf("%s uses %q, which the catalogue lacks", path, m[1])
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if n < 100 {
		t.Fatalf("found only %d id uses: the pattern no longer matches the code", n)
	}
}

// TestComputedIDsExist covers ids built as prefix + value in code.
func TestComputedIDsExist(t *testing.T) {
	var ids []string
	add := func(prefix string, values ...string) {
		for _, v := range values {
			ids = append(ids, prefix+v)
		}
	}
	for _, r := range domain.Roles() {
		add("role.", string(r))
	}
	for _, s := range domain.CardStates() {
		add("card.", string(s))
	}
	add("permit.status.", string(domain.PermitValid), string(domain.PermitExpired), string(domain.PermitCancelled), string(domain.PermitRevoked))
	add("realname.", string(domain.RealNameNone), string(domain.RealNamePending), string(domain.RealNameAuthenticated))
	add("sex.", string(domain.SexMale), string(domain.SexFemale), string(domain.SexUnspecified))
	add("track.", string(domain.TrackOver90), string(domain.TrackUnder90))
	add("form.", string(domain.FormElectronic), string(domain.FormPhysicalLegacy))
	add("registrant.", string(domain.RegistrantEmployer), string(domain.RegistrantSelf))
	add("registration.", string(domain.RegistrationPending), string(domain.RegistrationAccepted), string(domain.RegistrationRejected))
	add("decision.", string(domain.DecisionEligible), string(domain.DecisionNotEligible), string(domain.DecisionRefer))
	add("outcome.", string(domain.OutcomeOK), string(domain.OutcomeDenied), string(domain.OutcomeFailed))
	add("kind.", string(identity.QueryPermit), string(identity.QuerySSN), string(identity.QueryPRID), string(identity.QueryPassport), string(identity.QueryName))
	add("field.", "passport", "ssn", "pr_id", "birth_date")
	add("reason.", "holder_request", "document_check", "record_correction", "other")
	add("audit.filter.", "staff", "event", "subject", "from", "until")
	add("verdict.", string(credential.Valid), string(credential.Invalid), string(credential.CannotVerify))
	add("scan.kind.", string(credential.UseNotice), string(credential.UseESSC), "unknown")
	c := NewCatalog(English)
	for _, id := range ids {
		if !c.Has(Chinese, id) || !c.Has(English, id) {
			t.Errorf("computed id %q missing", id)
		}
	}
}

func TestMissingIDShowsItself(t *testing.T) {
	c := NewCatalog(English)
	if got := c.T("no.such.id"); got != "[no.such.id]" {
		t.Errorf("missing id renders %q", got)
	}
	c.Toggle()
	if c.Lang() != Chinese || c.T("key.help") != "帮助" {
		t.Errorf("toggle: %s %q", c.Lang(), c.T("key.help"))
	}
}

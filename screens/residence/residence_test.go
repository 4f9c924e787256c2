package residence_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"onecard/app"
	"onecard/demodata"
	"onecard/domain"
	rules "onecard/residence"
	"onecard/screens/kiosktest"
	"onecard/screens/mrzform/mrztest"
	"onecard/screens/residence"
	"onecard/store"
	"onecard/sync"
)

func init() { lipgloss.SetColorProfile(termenv.Ascii) }

const population = 400

// holderOf returns a permit of the state whose holder's passport fits a TD3.
func holderOf(t *testing.T, st *store.Store, demo demodata.Demo, state demodata.PermitState) (domain.WorkPermit, store.Record) {
	t.Helper()
	for _, n := range demo.Permits[state] {
		w, err := st.Permit(context.Background(), n)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		rec, err := st.Record(context.Background(), w.PersonID)
		if err != nil {
			t.Fatal(err)
		}
		if len(rec.Person.PassportNumber) <= 9 {
			return w, rec
		}
	}
	t.Fatalf("no %s permit with a TD3 passport", state)
	return domain.WorkPermit{}, store.Record{}
}

func TestFlows(t *testing.T) {
	tests := []struct {
		name    string
		lang    string
		state   demodata.PermitState
		scan    bool   // the permit comes from a scanned Notification-Letter code
		visa    string // typed over the default Z
		outcome domain.ResidenceDecision
		audit   domain.Outcome
		wait    string
		notPass map[string]rules.Result
	}{
		{name: "eligible", lang: "en", state: demodata.StateValid, scan: true, outcome: domain.DecisionEligible,
			audit: domain.OutcomeOK, wait: "eligible · residence permit up to"},
		{name: "not_eligible", lang: "zh", state: demodata.StateNearExpiry, outcome: domain.DecisionNotEligible,
			audit: domain.OutcomeDenied, wait: "不符合条件",
			notPass: map[string]rules.Result{"permit_days_left": rules.Fail, "validity": rules.Fail}},
		{name: "refer", lang: "en", state: demodata.StateValid, visa: "R", outcome: domain.DecisionRefer,
			audit: domain.OutcomeOK, wait: "referred", notPass: map[string]rules.Result{"visa_type": rules.Refer}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, demo := kiosktest.Seed(t, population)
			k := kiosktest.Open(t, dir, tt.lang)
			k.SignIn(t, "E2001")
			issuer, _ := k.Trust(t)
			w, rec := holderOf(t, k.Store, demo, tt.state)
			slips := t.TempDir()
			tm := k.Run(t, func(c *app.Context) app.Screen {
				return residence.NewWith(c, residence.Slips{Dir: slips, Font: residence.DefaultSlips(c).Font})
			}, 100, 36)
			kiosktest.WaitFor(t, tm, map[string]string{"zh": "请扫描电子社保卡", "en": "Scan the e-SSC"}[tt.lang])
			if tt.scan {
				tm.Send(app.ScanMsg{Source: "serial:/dev/ttyACM0", Payload: k.Notice(t, issuer, w.Number), At: k.Clock.Now()})
			} else {
				kiosktest.Type(tm, w.Number)
				kiosktest.Key(tm, tea.KeyEnter)
			}
			kiosktest.WaitFor(t, tm, map[string]string{"zh": "请将护照放在阅读器上", "en": "Place the passport on the reader"}[tt.lang])
			for _, l := range mrztest.Of(rec.Person).TD3(t) {
				tm.Send(app.ScanMsg{Source: "serial:/dev/ttyUSB0", Payload: l, At: k.Clock.Now()})
			}
			kiosktest.WaitFor(t, tm, map[string]string{"zh": "证件与记录比对", "en": "Passport against the record"}[tt.lang])
			kiosktest.Type(tm, "p")
			kiosktest.Key(tm, tea.KeyEnter)
			kiosktest.Type(tm, k.C.Today().AddDays(-12).String())
			kiosktest.Key(tm, tea.KeyDown)
			if tt.visa != "" {
				kiosktest.Key(tm, tea.KeyBackspace)
				kiosktest.Type(tm, tt.visa)
			}
			kiosktest.Key(tm, tea.KeyDown) // first application
			for range rules.DefaultPolicy().Required(true) {
				kiosktest.Key(tm, tea.KeyDown)
				kiosktest.Type(tm, " ")
			}
			kiosktest.Key(tm, tea.KeyEnter)
			kiosktest.WaitFor(t, tm, tt.wait, map[string]string{"zh": "待同步 1", "en": "outbox 1"}[tt.lang])
			kiosktest.Type(tm, "s")
			kiosktest.WaitFor(t, tm, ".pdf")
			m, view := kiosktest.Final(t, tm)
			teatest.RequireEqualOutput(t, []byte(withoutDir(view, slips)))

			d, ref := m.Top().(*residence.Model).Decision()
			wantRef := "RV-TEST-0001-20250601-1"
			if d.Outcome != tt.outcome || ref != wantRef {
				t.Fatalf("decision %s ref %q, want %s %s", d.Outcome, ref, tt.outcome, wantRef)
			}
			got := map[string]rules.Result{}
			for _, r := range d.Rules {
				if r.Result != rules.Pass {
					got[r.ID] = r.Result
				}
			}
			if len(got) != len(tt.notPass) {
				t.Errorf("rules not passed %v, want %v", got, tt.notPass)
			}
			for id, r := range tt.notPass {
				if got[id] != r {
					t.Errorf("rule %s: %s, want %s", id, got[id], r)
				}
			}
			checkRecorded(t, k.Store, rec.Person.ID, w.Number, ref, tt.outcome, tt.audit)
			checkSlips(t, slips, ref, tt.outcome)
		})
	}
}

// withoutDir names the temporary slip directory SLIPS; its length differs per run, so
// the padding after it is cut from every line.
func withoutDir(view, dir string) string {
	lines := strings.Split(strings.ReplaceAll(view, dir, "SLIPS"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// checkRecorded: one verification row, one audit entry, one event for central.
func checkRecorded(t *testing.T, st *store.Store, person int64, permit, ref string, outcome domain.ResidenceDecision, audit domain.Outcome) {
	t.Helper()
	ctx := context.Background()
	rec, err := st.Record(ctx, person)
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Verifications) != 1 || rec.Verifications[0].Ref != ref || rec.Verifications[0].Decision != outcome ||
		rec.Verifications[0].PermitNumber != permit || rec.Verifications[0].StaffID != "E2001" {
		t.Fatalf("verifications %+v", rec.Verifications)
	}
	var stored []rules.RuleResult
	if err := json.Unmarshal(rec.Verifications[0].Rules, &stored); err != nil || len(stored) != 8 {
		t.Errorf("stored rules %s: %v", rec.Verifications[0].Rules, err)
	}
	es, err := st.AuditEntries(ctx, store.AuditFilter{Event: "residence"})
	if err != nil || len(es) != 1 || es[0].Outcome != audit || es[0].Subject != strconv.FormatInt(person, 10) ||
		!strings.Contains(es[0].Detail, "ref="+ref) || !strings.Contains(es[0].Detail, "decision="+string(outcome)) {
		t.Fatalf("audit %+v, %v", es, err)
	}
	evs, err := kiosktest.CounterEvents(ctx, st)
	if err != nil || len(evs) != 1 || evs[0].Kind != sync.EventKindVerification {
		t.Fatalf("outbox %+v, %v", evs, err)
	}
	var ev sync.EventVerification
	if err := json.Unmarshal(evs[0].Payload, &ev); err != nil || ev.Verification.Ref != ref || ev.Verification.Decision != outcome {
		t.Errorf("event %+v, %v", ev, err)
	}
}

// checkSlips reads the slips back.
func checkSlips(t *testing.T, dir, ref string, outcome domain.ResidenceDecision) {
	t.Helper()
	text, err := os.ReadFile(filepath.Join(dir, ref+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[domain.ResidenceDecision]string{domain.DecisionEligible: "Eligible for a residence permit",
		domain.DecisionNotEligible: "Not eligible", domain.DecisionRefer: "Referred to an officer"}[outcome]
	if !strings.Contains(string(text), "Ref: "+ref) || !strings.Contains(string(text), want) {
		t.Errorf("text slip:\n%s", text)
	}
	pdf := filepath.Join(dir, ref+".pdf")
	if _, err := os.Stat(pdf); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		return
	}
	out, err := exec.Command("pdftotext", pdf, "-").Output()
	if err != nil || !strings.Contains(string(out), ref) {
		t.Errorf("PDF text %q, %v", out, err)
	}
}

// TestCodeNotValid: a code that does not verify is shown and not taken.
func TestCodeNotValid(t *testing.T) {
	dir, demo := kiosktest.Seed(t, population)
	k := kiosktest.Open(t, dir, "en")
	k.SignIn(t, "E2001")
	_, unlisted := k.Trust(t)
	w, _ := holderOf(t, k.Store, demo, demodata.StateValid)
	tm := k.Run(t, residence.New, 100, 30)
	kiosktest.WaitFor(t, tm, "Scan the e-SSC")
	// Signed by a key the trust bundle does not list: it cannot be verified.
	tm.Send(app.ScanMsg{Source: "serial:/dev/ttyACM0", Payload: k.Notice(t, unlisted, w.Number), At: k.Clock.Now()})
	kiosktest.WaitFor(t, tm, "not taken")
	m, view := kiosktest.Final(t, tm)
	teatest.RequireEqualOutput(t, []byte(view))
	if _, ref := m.Top().(*residence.Model).Decision(); ref != "" || strings.Contains(view, "Place the passport") {
		t.Errorf("an invalid code moved on:\n%s", view)
	}
	kiosktest.WaitAudit(t, k.Store, "residence_code", "denied")
}

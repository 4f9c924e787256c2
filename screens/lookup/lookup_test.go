package lookup_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"onecard/app"
	"onecard/demodata"
	"onecard/identity"
	"onecard/screens/kiosktest"
	"onecard/screens/lookup"
	"onecard/screens/record"
	"onecard/store"
)

func init() { lipgloss.SetColorProfile(termenv.Ascii) }

const population = 1000

// find returns the first record of the population that has what want looks for.
func find(t *testing.T, st *store.Store, want func(store.Record) bool) store.Record {
	t.Helper()
	for id := int64(1); id <= population; id++ {
		rec, err := st.Record(context.Background(), id)
		if errors.Is(err, store.ErrNotFound) {
			continue // outside this branch's region
		}
		if err != nil {
			t.Fatal(err)
		}
		if want(rec) {
			return rec
		}
	}
	t.Fatal("no such record in the population")
	return store.Record{}
}

func hasDiacritics(s string) bool {
	for _, r := range s {
		if r > 127 {
			return true
		}
	}
	return false
}

// fold drops diacritics from each word the way staff type a name on a plain keyboard.
func fold(s string) string {
	var out []string
	for _, w := range strings.Fields(s) {
		out = append(out, identity.FoldWord(w))
	}
	return strings.Join(out, " ")
}

func startLookup(t *testing.T, lang string) (*kiosktest.Kiosk, demodata.Demo, *teatest.TestModel) {
	t.Helper()
	dir, demo := kiosktest.Seed(t, population)
	k := kiosktest.Open(t, dir, lang)
	k.SignIn(t, "C1001")
	tm := k.Run(t, lookup.New, 100, 30)
	return k, demo, tm
}

func TestSearch(t *testing.T) {
	type query struct {
		text  string
		enter bool // passports search on Enter only
	}
	tests := []struct {
		name string
		lang string
		pick func(t *testing.T, st *store.Store, demo demodata.Demo) (query, int64)
	}{
		{"permit", "zh", func(t *testing.T, st *store.Store, demo demodata.Demo) (query, int64) {
			p, err := st.Permit(context.Background(), demo.Permits[demodata.StateValid][0])
			if err != nil {
				t.Fatal(err)
			}
			return query{text: p.Number}, p.PersonID
		}},
		{"ssn", "en", func(t *testing.T, st *store.Store, _ demodata.Demo) (query, int64) {
			r := find(t, st, func(r store.Record) bool { return r.ESSC != nil && r.ESSC.SSN != "" })
			return query{text: r.ESSC.SSN}, r.Person.ID
		}},
		{"passport_with_country", "en", func(t *testing.T, st *store.Store, _ demodata.Demo) (query, int64) {
			r := find(t, st, func(r store.Record) bool { return true })
			return query{text: r.Person.Nationality + " " + r.Person.PassportNumber, enter: true}, r.Person.ID
		}},
		{"passport", "zh", func(t *testing.T, st *store.Store, _ demodata.Demo) (query, int64) {
			r := find(t, st, func(r store.Record) bool { return r.Person.ID >= 7 })
			return query{text: strings.ToLower(r.Person.PassportNumber), enter: true}, r.Person.ID
		}},
		{"pr_id", "zh", func(t *testing.T, st *store.Store, _ demodata.Demo) (query, int64) {
			r := find(t, st, func(r store.Record) bool { return r.Person.PRID != "" })
			return query{text: r.Person.PRID}, r.Person.ID
		}},
		{"name_folded_given_first", "en", func(t *testing.T, st *store.Store, _ demodata.Demo) (query, int64) {
			r := find(t, st, func(r store.Record) bool { return hasDiacritics(r.Person.Surname) && r.Person.GivenNames != "" })
			return query{text: strings.ToLower(fold(r.Person.GivenNames) + " " + fold(r.Person.Surname))}, r.Person.ID
		}},
		{"chinese_name", "zh", func(t *testing.T, st *store.Store, _ demodata.Demo) (query, int64) {
			r := find(t, st, func(r store.Record) bool { return len([]rune(r.Person.ChineseName)) == 3 })
			return query{text: r.Person.ChineseName}, r.Person.ID
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, demo, tm := startLookup(t, tt.lang)
			q, want := tt.pick(t, k.Store, demo)
			kiosktest.Type(tm, q.text)
			if q.enter {
				kiosktest.Key(tm, tea.KeyEnter)
			}
			kiosktest.WaitFor(t, tm, map[string]string{"zh": "条结果", "en": "results: "}[tt.lang])
			m, view := kiosktest.Final(t, tm)
			teatest.RequireEqualOutput(t, []byte(view))
			found := false
			for _, mt := range m.Top().(*lookup.Model).Matches() {
				found = found || mt.Person.ID == want
			}
			if !found {
				t.Errorf("%q did not find person %d", q.text, want)
			}
			kiosktest.WaitAudit(t, k.Store, "lookup", "ok")
		})
	}
}

func TestRevealIsAudited(t *testing.T) {
	k, demo, tm := startLookup(t, "en")
	p, err := k.Store.Permit(context.Background(), demo.Permits[demodata.StateLegacyPhysical][0])
	if err != nil {
		t.Fatal(err)
	}
	person, err := k.Store.Person(context.Background(), p.PersonID)
	if err != nil {
		t.Fatal(err)
	}
	kiosktest.Type(tm, p.Number)
	kiosktest.WaitFor(t, tm, "results: 1")
	kiosktest.Key(tm, tea.KeyEnter)
	kiosktest.WaitFor(t, tm, "no change, no replacement", app.Mask(person.PassportNumber))
	kiosktest.Type(tm, "r")
	kiosktest.WaitFor(t, tm, "Reveal which identifier?")
	kiosktest.Type(tm, "1") // passport number
	kiosktest.WaitFor(t, tm, "Reason to reveal the passport number")
	kiosktest.Type(tm, "2") // checking against the document
	kiosktest.WaitFor(t, tm, "The passport number is shown (audited).")
	m, view := kiosktest.Final(t, tm)
	teatest.RequireEqualOutput(t, []byte(view))
	rec := m.Top().(*record.Model)
	if !rec.Revealed(record.FieldPassport) || rec.Revealed(record.FieldBirthDate) {
		t.Errorf("revealed passport %v, birth date %v", rec.Revealed(record.FieldPassport), rec.Revealed(record.FieldBirthDate))
	}
	if !strings.Contains(view, person.PassportNumber) || strings.Contains(view, person.BirthDate.String()) {
		t.Errorf("passport not shown or birth date not masked:\n%s", view)
	}
	es, err := k.Store.AuditEntries(context.Background(), store.AuditFilter{Event: "reveal"})
	if err != nil || len(es) != 1 {
		t.Fatalf("reveal entries %v, %v", es, err)
	}
	if e := es[0]; e.StaffID != "C1001" || e.Subject != strconv.FormatInt(person.ID, 10)+":passport" || e.Detail != "reason=document_check" {
		t.Errorf("reveal audited as %+v", e)
	}
}

func TestMaskedByDefault(t *testing.T) {
	k, demo, tm := startLookup(t, "zh")
	p, err := k.Store.Permit(context.Background(), demo.Permits[demodata.StateNearExpiry][0])
	if err != nil {
		t.Fatal(err)
	}
	rec, err := k.Store.Record(context.Background(), p.PersonID)
	if err != nil {
		t.Fatal(err)
	}
	kiosktest.Type(tm, p.Number)
	kiosktest.WaitFor(t, tm, "1 条结果")
	kiosktest.Key(tm, tea.KeyEnter)
	kiosktest.WaitFor(t, tm, "即将到期")
	kiosktest.WaitAudit(t, k.Store, "view", "ok")
	_, view := kiosktest.Final(t, tm)
	teatest.RequireEqualOutput(t, []byte(view))
	secrets := []string{rec.Person.PassportNumber, rec.Person.BirthDate.String()}
	if rec.ESSC != nil && rec.ESSC.SSN != "" {
		secrets = append(secrets, rec.ESSC.SSN)
	}
	for _, s := range secrets {
		if strings.Contains(view, s) {
			t.Errorf("%s shown unmasked:\n%s", s, view)
		}
	}
}

package realname_test

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"onecard/app"
	"onecard/domain"
	"onecard/screens/kiosktest"
	"onecard/screens/mrzform/mrztest"
	"onecard/screens/realname"
	"onecard/store"
	"onecard/sync"
)

func init() { lipgloss.SetColorProfile(termenv.Ascii) }

const population = 400

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
		if want(rec) && len(rec.Person.PassportNumber) <= 9 {
			return rec
		}
	}
	t.Fatal("no such record in the population")
	return store.Record{}
}

func withESSC(r store.Record) bool {
	return r.ESSC != nil && r.ESSC.RealName != domain.RealNameAuthenticated
}

func TestFlows(t *testing.T) {
	tests := []struct {
		name    string
		lang    string
		pick    func(store.Record) bool
		byID    bool                                                     // opened from the record, not found by the MRZ
		edit    func(t *testing.T, k *kiosktest.Kiosk, p *domain.Person) // change the record before the reading
		mrz     func(p mrztest.Passport, today domain.Date) mrztest.Passport
		misread func([]string) []string
		send    func(tm *teatest.TestModel, lines []string) // how the MRZ arrives
		photo   string
		wait    []string
		want    domain.Outcome
		state   domain.RealNameState
	}{
		{name: "authenticated", lang: "en", pick: withESSC, send: readerLineByLine, photo: "p",
			wait: []string{"Authenticated", "real-name state is now"}, want: domain.OutcomeOK, state: domain.RealNameAuthenticated},
		{name: "mismatch", lang: "zh", pick: withESSC, byID: true, send: typed, photo: "p",
			mrz: func(p mrztest.Passport, _ domain.Date) mrztest.Passport {
				p.Birth = p.Birth.AddDays(1)
				return p
			},
			wait: []string{"证件与记录不符：出生日期"}, want: domain.OutcomeDenied},
		{name: "photo_differs", lang: "en", pick: withESSC, send: readerAtOnce, photo: "n",
			wait: []string{"does not match the record: Photo"}, want: domain.OutcomeDenied},
		{name: "expired", lang: "en", pick: withESSC, send: readerLineByLine,
			edit: func(t *testing.T, k *kiosktest.Kiosk, p *domain.Person) {
				p.PassportExpiry = k.C.Today().AddDays(-3)
				if err := k.Store.Update(context.Background(), func(w *store.Writer) error { return w.PutPerson(context.Background(), *p) }); err != nil {
					t.Fatal(err)
				}
			},
			wait: []string{"Passport expired"}, want: domain.OutcomeDenied},
		{name: "mrz_invalid", lang: "zh", pick: withESSC, byID: true, send: readerAtOnce,
			misread: func(l []string) []string { return mrztest.Set(l, 2, 14, 'O') },
			wait:    []string{"第 2 行第 14 位：字母 O 出现在应为数字的位置", "机读区无效"}, want: domain.OutcomeDenied},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, _ := kiosktest.Seed(t, population)
			k := kiosktest.Open(t, dir, tt.lang)
			k.SignIn(t, "C1001")
			rec := find(t, k.Store, tt.pick)
			p := rec.Person
			if tt.edit != nil {
				tt.edit(t, k, &p)
			}
			doc := mrztest.Of(p)
			if tt.mrz != nil {
				doc = tt.mrz(doc, k.C.Today())
			}
			lines := doc.TD3(t)
			if tt.misread != nil {
				lines = tt.misread(lines)
			}
			id := int64(0)
			if tt.byID {
				id = p.ID
			}
			tm := k.Run(t, func(c *app.Context) app.Screen { return realname.New(c, id) }, 100, 32)
			kiosktest.WaitFor(t, tm, map[string]string{"zh": "请将护照放在阅读器上", "en": "Place the passport on the reader"}[tt.lang])
			tt.send(tm, lines)
			kiosktest.WaitFor(t, tm, map[string]string{"zh": "证件与记录比对", "en": "Passport against the record"}[tt.lang])
			if tt.photo != "" {
				kiosktest.Type(tm, tt.photo)
			}
			kiosktest.Key(tm, tea.KeyEnter)
			// The status bar counts the queued event once its next refresh has run.
			kiosktest.WaitFor(t, tm, append(tt.wait, map[string]string{"zh": "待同步 1", "en": "outbox 1"}[tt.lang])...)
			m, view := kiosktest.Final(t, tm)
			teatest.RequireEqualOutput(t, []byte(view))
			if strings.Contains(view, p.PassportNumber) {
				t.Errorf("passport number %s shown unmasked", p.PassportNumber)
			}
			if got := m.Top().(*realname.Model).Outcome(); (got == "authenticated") != (tt.want == domain.OutcomeOK) {
				t.Errorf("outcome %q", got)
			}
			checkRecorded(t, k.Store, rec, tt.want, tt.state)
		})
	}
}

// readerLineByLine sends each MRZ line as the document reader's own code.
func readerLineByLine(tm *teatest.TestModel, lines []string) {
	for _, l := range lines {
		tm.Send(app.ScanMsg{Source: "serial:/dev/ttyUSB0", Payload: l, At: time.Now()})
	}
}

// readerAtOnce sends the whole MRZ in one code, lines separated by CR LF.
func readerAtOnce(tm *teatest.TestModel, lines []string) {
	tm.Send(app.ScanMsg{Source: "serial:/dev/ttyUSB0", Payload: strings.Join(lines, "\r\n") + "\r\n", At: time.Now()})
}

// typed types each line and Enter, as staff (or a keyboard-wedge reader) would.
func typed(tm *teatest.TestModel, lines []string) {
	for _, l := range lines {
		kiosktest.Type(tm, l)
		kiosktest.Key(tm, tea.KeyEnter)
	}
}

// checkRecorded: one audit entry, one event for central, and the e-SSC state.
func checkRecorded(t *testing.T, st *store.Store, before store.Record, want domain.Outcome, state domain.RealNameState) {
	t.Helper()
	ctx := context.Background()
	subject := strconv.FormatInt(before.Person.ID, 10)
	es, err := st.AuditEntries(ctx, store.AuditFilter{Event: "realname"})
	if err != nil || len(es) != 1 || es[0].Subject != subject || es[0].Outcome != want || es[0].StaffID != "C1001" {
		t.Fatalf("audit entries %+v, %v", es, err)
	}
	evs, err := kiosktest.CounterEvents(ctx, st)
	if err != nil || len(evs) != 1 || evs[0].Kind != sync.EventKindRealName {
		t.Fatalf("outbox %+v, %v", evs, err)
	}
	var ev sync.EventRealName
	if err := json.Unmarshal(evs[0].Payload, &ev); err != nil {
		t.Fatal(err)
	}
	if ev.PersonID != before.Person.ID || ev.Outcome != want || ev.PermitNumber != before.ESSC.PermitNumber || ev.StaffID != "C1001" {
		t.Errorf("event %+v", ev)
	}
	after, err := st.Record(ctx, before.Person.ID)
	if err != nil {
		t.Fatal(err)
	}
	if state == "" {
		state = before.ESSC.RealName // a refusal leaves the e-SSC as it was
	}
	if after.ESSC.RealName != state || (state == domain.RealNameAuthenticated) == after.ESSC.AuthenticatedAt.IsZero() {
		t.Errorf("e-SSC after: %+v", after.ESSC)
	}
}

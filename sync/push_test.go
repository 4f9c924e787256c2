package sync_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"onecard/central/centraltest"
	"onecard/config"
	"onecard/demodata"
	"onecard/domain"
	"onecard/sync"
)

// holderWithESSC finds a live holder that has an e-SSC not yet authenticated.
func holderWithESSC(t *testing.T, g *demodata.Generator, n int) int {
	t.Helper()
	for i := range n {
		h := g.Holder(i)
		if h.ESSC != nil && h.ESSC.RealName != domain.RealNameAuthenticated && h.Permit.Status == domain.PermitValid {
			return i
		}
	}
	t.Fatal("no holder with an unauthenticated e-SSC")
	return 0
}

func TestDuplicateAndReorderedPushAppliedOnce(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b centraltest.Backend) {
		ctx := context.Background()
		f := newFixture(t, b)
		f.load(t, 0, 60, region)
		k := f.enroll(t, "b1", region)
		i := holderWithESSC(t, f.gen, 60)
		h := f.gen.Holder(i)
		at := time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC)
		ev := func(seq int64, outcome domain.Outcome) sync.Event {
			p, _ := json.Marshal(sync.EventRealName{PersonID: h.Person.ID, PermitNumber: h.Permit.Number, At: at.Add(time.Duration(seq) * time.Minute),
				StaffID: "C1001", Outcome: outcome})
			return sync.Event{Seq: seq, Kind: sync.EventKindRealName, Payload: p, CreatedAt: at}
		}
		tc, err := sync.LoadTLS(k.dir)
		if err != nil {
			t.Fatal(err)
		}
		hc := &http.Client{Transport: &http.Transport{TLSClientConfig: tc}}
		defer hc.CloseIdleConnections()
		push := func(evs ...sync.Event) []sync.Answer {
			t.Helper()
			body, _ := json.Marshal(sync.PushRequest{Events: evs})
			req, _ := http.NewRequestWithContext(ctx, http.MethodPost, f.srv.URL+sync.PathEvents, bytes.NewReader(body))
			req.Header.Set(sync.HeaderRegion, region)
			resp, err := hc.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var out sync.PushResponse
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("push: %s", resp.Status)
			}
			if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
				t.Fatal(err)
			}
			return out.Answers
		}
		// Reordered: 2 arrives before 1; then both again, with 1 twice in one batch.
		first := push(ev(2, domain.OutcomeOK))
		second := push(ev(1, domain.OutcomeFailed), ev(2, domain.OutcomeOK), ev(1, domain.OutcomeFailed))
		if first[0].State != "accepted" || len(second) != 3 {
			t.Fatalf("answers: %+v then %+v", first, second)
		}
		for _, a := range second {
			if a.State != "accepted" {
				t.Fatalf("answer %+v", a)
			}
		}
		evs, err := f.db.Events(ctx, k.cfg.TerminalID)
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) != 2 || evs[0].Seq != 1 || evs[1].Seq != 2 {
			t.Fatalf("central recorded %+v, want events 1 and 2 once each", evs)
		}
		// Event 2 applied once: the e-SSC is authenticated at event 2's time, and a
		// replay with another time does not move it.
		third := push(sync.Event{Seq: 2, Kind: sync.EventKindRealName, Payload: ev(9, domain.OutcomeOK).Payload, CreatedAt: at})
		if third[0].State != "accepted" {
			t.Fatalf("replay answer %+v", third)
		}
		var e domain.ESSC
		if _, err := f.db.Get(ctx, sync.KindESSC, strconv.FormatInt(h.Person.ID, 10), &e); err != nil {
			t.Fatal(err)
		}
		if e.RealName != domain.RealNameAuthenticated || !e.AuthenticatedAt.Equal(at.Add(2*time.Minute)) {
			t.Fatalf("e-SSC after pushes: %+v", e)
		}
	})
}

func TestRejectedEventSurfacedNotRetried(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b centraltest.Backend) {
		ctx := context.Background()
		f := newFixture(t, b)
		f.load(t, 0, 60, region)
		k := f.enroll(t, "b1", region)
		i := holderWithESSC(t, f.gen, 60)
		h := f.gen.Holder(i)
		good := k.enqueue(t, sync.EventKindRealName, sync.EventRealName{PersonID: h.Person.ID, PermitNumber: h.Permit.Number,
			At: time.Now().UTC(), StaffID: "C1001", Outcome: domain.OutcomeOK})
		bad := k.enqueue(t, sync.EventKindRealName, sync.EventRealName{PersonID: 999_999, At: time.Now().UTC(),
			StaffID: "C1001", Outcome: domain.OutcomeOK})
		c := k.client(t, sync.Options{})
		if err := c.Round(ctx); err != nil {
			t.Fatal(err)
		}
		rej, err := k.st.RejectedEvents(ctx, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(rej) != 1 || rej[0].Seq != bad || rej[0].State != domain.OutboxRejected || !strings.Contains(rej[0].Reason, "999999") {
			t.Fatalf("rejected events: %+v", rej)
		}
		if n, _ := k.st.CountPending(ctx); n != 0 || c.Status().Pending != 0 {
			t.Fatalf("pending after round: %d", n)
		}
		// The pull of the same round brought back what central made of the good event.
		e, err := k.st.Record(ctx, h.Person.ID)
		if err != nil || e.ESSC == nil || e.ESSC.RealName != domain.RealNameAuthenticated {
			t.Fatalf("e-SSC after accepted real-name event (seq %d): %+v, %v", good, e.ESSC, err)
		}
		if err := c.Round(ctx); err != nil {
			t.Fatal(err)
		}
		evs, err := f.db.Events(ctx, k.cfg.TerminalID)
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) != 2 || evs[1].State != "rejected" || c.Status().Pushed != 0 {
			t.Fatalf("central events after a second round: %+v (pushed %d)", evs, c.Status().Pushed)
		}
	})
}

func TestTerminalRefused(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b centraltest.Backend) {
		ctx := context.Background()
		f := newFixture(t, b)
		f.load(t, 0, 5, region)
		refusal := func(t *testing.T, err error) string {
			t.Helper()
			var r *sync.RefusedError
			if !errors.As(err, &r) {
				t.Fatalf("want a refusal, got %v", err)
			}
			return r.Code
		}
		t.Run("unenrolled", func(t *testing.T) {
			k := f.enroll(t, "b1", region)
			tc, err := sync.LoadTLS(k.dir)
			if err != nil {
				t.Fatal(err)
			}
			tc.Certificates = nil // a terminal without its certificate
			c := k.client(t, sync.Options{Transport: &http.Transport{TLSClientConfig: tc}})
			if code := refusal(t, c.Round(ctx)); code != sync.ProblemUnenrolled {
				t.Fatalf("code %s", code)
			}
			if st := c.Status(); st.Refused != sync.ProblemUnenrolled {
				t.Fatalf("status %+v", st)
			}
		})
		t.Run("revoked", func(t *testing.T) {
			k := f.enroll(t, "b1", region)
			c := k.client(t, sync.Options{})
			if err := c.Round(ctx); err != nil {
				t.Fatal(err)
			}
			if err := f.db.RevokeTerminal(ctx, k.cfg.TerminalID, time.Now()); err != nil {
				t.Fatal(err)
			}
			if code := refusal(t, c.Round(ctx)); code != sync.ProblemRevoked {
				t.Fatalf("code %s", code)
			}
		})
		t.Run("wrong region", func(t *testing.T) {
			k := f.enroll(t, "b1", region)
			k.cfg.Region = "110000"
			if err := config.Save(k.dir, k.cfg); err != nil {
				t.Fatal(err)
			}
			c := k.client(t, sync.Options{})
			if code := refusal(t, c.Round(ctx)); code != sync.ProblemWrongRegion {
				t.Fatalf("code %s", code)
			}
			if k.persons(t) != 0 {
				t.Fatal("a wrong-region terminal received persons")
			}
		})
	})
}

func TestEnrollmentCodes(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b centraltest.Backend) {
		ctx := context.Background()
		f := newFixture(t, b)
		code, err := f.db.NewEnrollCode(ctx, f.keys, "b1", region, time.Hour, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := sync.Enroll(ctx, t.TempDir(), f.srv.URL, code.String()); err != nil {
			t.Fatal(err)
		}
		expired, err := f.db.NewEnrollCode(ctx, f.keys, "b1", region, time.Hour, time.Now().Add(-2*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		wrongSecret := code
		wrongSecret.Secret = strings.Repeat("A", 16)
		otherCA := code
		otherCA.CAFingerprint = sync.CAFingerprint([]byte("another CA"))
		for _, tc := range []struct {
			name, code, want string
		}{
			{"reused", code.String(), sync.ProblemCodeUsed},
			{"expired", expired.String(), sync.ProblemCodeExpired},
			{"wrong secret", wrongSecret.String(), sync.ProblemBadCode},
			{"other CA", otherCA.String(), ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				dir := t.TempDir()
				_, err := sync.Enroll(ctx, dir, f.srv.URL, tc.code)
				if err == nil {
					t.Fatal("enrollment succeeded")
				}
				var r *sync.RefusedError
				switch {
				case tc.want == "" && errors.As(err, &r):
					t.Fatalf("reached central despite a CA mismatch: %v", err)
				case tc.want != "" && (!errors.As(err, &r) || r.Code != tc.want):
					t.Fatalf("got %v, want %s", err, tc.want)
				}
				if _, err := config.Load(dir); !errors.Is(err, config.ErrNoConfig) {
					t.Fatalf("failed enrollment wrote a config: %v", err)
				}
			})
		}
	})
}

func TestScanEventsRecordedOrRejected(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b centraltest.Backend) {
		ctx := context.Background()
		f := newFixture(t, b)
		f.load(t, 0, 10, region)
		k := f.enroll(t, "b1", region)
		h := f.gen.Holder(0)
		at := time.Now().UTC()
		good := k.enqueue(t, sync.EventKindScan, sync.EventScan{Permit: h.Permit.Number, Kind: "essc", Verdict: "VALID",
			Reason: "ok", At: at, StaffID: "E2001"})
		badVerdict := k.enqueue(t, sync.EventKindScan, sync.EventScan{Permit: h.Permit.Number, Verdict: "MAYBE", At: at, StaffID: "E2001"})
		badPermit := k.enqueue(t, sync.EventKindScan, sync.EventScan{Permit: "short", Verdict: "INVALID", At: at, StaffID: "E2001"})
		if err := k.client(t, sync.Options{}).Round(ctx); err != nil {
			t.Fatal(err)
		}
		rej, err := k.st.RejectedEvents(ctx, 10)
		if err != nil {
			t.Fatal(err)
		}
		reasons := map[int64]string{}
		for _, e := range rej {
			reasons[e.Seq] = e.Reason
		}
		if _, ok := reasons[good]; ok || !strings.Contains(reasons[badVerdict], "MAYBE") || !strings.Contains(reasons[badPermit], "short") {
			t.Fatalf("rejections: %v", reasons)
		}
		evs, err := f.db.Events(ctx, k.cfg.TerminalID)
		if err != nil || len(evs) != 3 || evs[0].State != "accepted" {
			t.Fatalf("central events: %+v, %v", evs, err)
		}
	})
}

// TestAuditTrailReachesCentral: every audit entry the kiosk appends is queued with it
// and pushed, so central holds the terminal's newest head: a trail later cut short or
// rewritten at the branch no longer matches it.
func TestAuditTrailReachesCentral(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b centraltest.Backend) {
		ctx := context.Background()
		f := newFixture(t, b)
		k := f.enroll(t, "b1", region)
		var last domain.AuditEntry
		for i, ev := range []string{"login", "lookup", "reveal"} {
			e, err := k.st.Audit(ctx, domain.AuditEntry{At: time.Now().Add(time.Duration(i) * time.Second), Terminal: k.cfg.TerminalID,
				StaffID: "C1001", Event: ev, Subject: "42", Outcome: domain.OutcomeOK})
			if err != nil {
				t.Fatal(err)
			}
			last = e
		}
		if err := k.client(t, sync.Options{}).Round(ctx); err != nil {
			t.Fatal(err)
		}
		seq, hash, err := f.db.AuditHead(ctx, k.cfg.TerminalID)
		if err != nil || seq != last.Seq || hash != last.Hash {
			t.Fatalf("central's head of the trail: %d %s, %v; the kiosk's: %d %s", seq, hash, err, last.Seq, last.Hash)
		}
		if rej, _ := k.st.RejectedEvents(ctx, 10); len(rej) != 0 {
			t.Fatalf("audit entries rejected: %+v", rej)
		}
	})
}

// TestRealNameStartsTheECard: a holder authenticated at the counter before registering
// the e-SSC on a phone gets an e-card record at central, authenticated, bound to the
// permit checked; the branch receives it by sync.
func TestRealNameStartsTheECard(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b centraltest.Backend) {
		ctx := context.Background()
		f := newFixture(t, b)
		f.load(t, 0, 60, region)
		k := f.enroll(t, "b1", region)
		i := -1
		for j := range 60 {
			if h := f.gen.Holder(j); h.ESSC == nil && h.Permit.Status == domain.PermitValid {
				i = j
				break
			}
		}
		if i < 0 {
			t.Fatal("no holder without an e-SSC")
		}
		h := f.gen.Holder(i)
		k.enqueue(t, sync.EventKindRealName, sync.EventRealName{PersonID: h.Person.ID, PermitNumber: h.Permit.Number,
			At: time.Now().UTC(), StaffID: "C1001", Outcome: domain.OutcomeOK})
		other := f.gen.Holder((i + 1) % 60)
		k.enqueue(t, sync.EventKindRealName, sync.EventRealName{PersonID: h.Person.ID, PermitNumber: other.Permit.Number,
			At: time.Now().UTC(), StaffID: "C1001", Outcome: domain.OutcomeOK})
		if err := k.client(t, sync.Options{}).Round(ctx); err != nil {
			t.Fatal(err)
		}
		rec, err := k.st.Record(ctx, h.Person.ID)
		if err != nil || rec.ESSC == nil || rec.ESSC.RealName != domain.RealNameAuthenticated || rec.ESSC.PermitNumber != h.Permit.Number || rec.ESSC.Registered() {
			t.Fatalf("e-SSC after authentication: %+v, %v", rec.ESSC, err)
		}
		// The second event names someone else's permit for a person whose e-SSC is now
		// bound to their own: refused.
		rej, _ := k.st.RejectedEvents(ctx, 10)
		if len(rej) != 1 || !strings.Contains(rej[0].Reason, "is not the permit of person") {
			t.Fatalf("rejections: %+v", rej)
		}
	})
}

package sync_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strconv"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"onecard/central/centraltest"
	"onecard/sync"
)

// get fetches a central path with the terminal's TLS settings, which a monitoring
// scraper shares: central's pinned CA.
func (k *kiosk) get(t testing.TB, base, path string) (int, []byte) {
	t.Helper()
	tc, err := sync.LoadTLS(k.dir)
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: tc}, Timeout: 30 * time.Second}
	defer client.CloseIdleConnections()
	resp, err := client.Get(base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, body
}

// scrape reads central's Prometheus metrics.
func (k *kiosk) scrape(t testing.TB, base string) map[string]*dto.MetricFamily {
	t.Helper()
	code, body := k.get(t, base, sync.PathMetrics)
	if code != http.StatusOK {
		t.Fatalf("GET %s: %d %s", sync.PathMetrics, code, body)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("metrics do not parse: %v\n%s", err, body)
	}
	return fams
}

// sample is the value of the family's series with exactly these labels, and whether
// there is one.
func sample(fams map[string]*dto.MetricFamily, name string, labels map[string]string) (float64, bool) {
	f, ok := fams[name]
	if !ok {
		return 0, false
	}
	for _, m := range f.GetMetric() {
		match := len(m.GetLabel()) == len(labels)
		for _, l := range m.GetLabel() {
			match = match && labels[l.GetName()] == l.GetValue()
		}
		if !match {
			continue
		}
		switch {
		case m.Counter != nil:
			return m.Counter.GetValue(), true
		case m.Gauge != nil:
			return m.Gauge.GetValue(), true
		}
	}
	return 0, false
}

// jobsRan reports whether central's metrics show a success of each scheduled job.
func jobsRan(fams map[string]*dto.MetricFamily) bool {
	_, bundle := sample(fams, "onecard_central_job_last_success_seconds", map[string]string{"job": "trust_bundle"})
	_, reminders := sample(fams, "onecard_central_job_last_success_seconds", map[string]string{"job": "reminders"})
	return bundle && reminders
}

// eventually waits, up to 20 s, for done to hold, then returns either way: the
// assertions after it say what is missing.
func eventually(t testing.TB, done func() bool) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); !done() && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
	}
}

// Central's health check answers, and its metrics count requests by path and code,
// rejected events by kind, each terminal's lag behind the change log, and when each
// scheduled job last succeeded.
func TestHealthAndMetrics(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b centraltest.Backend) {
		ctx := context.Background()
		f := newFixture(t, b)
		f.load(t, 0, 20, region)
		k := f.enroll(t, "b1", region)
		k.enqueue(t, sync.EventKindRealName, sync.EventRealName{PersonID: 999_999, At: time.Now().UTC(), StaffID: "C1001"})
		c := k.client(t, sync.Options{})
		if err := c.Round(ctx); err != nil {
			t.Fatal(err)
		}
		// Central's first round of scheduled jobs runs beside the requests and writes
		// to the change log: wait for it to be recorded before counting the lag.
		eventually(t, func() bool { return jobsRan(k.scrape(t, f.srv.URL)) })
		f.load(t, 20, 25, region) // changes the terminal has not pulled
		head, err := f.db.HeadSeq(ctx)
		if err != nil {
			t.Fatal(err)
		}
		cursor, err := strconv.ParseInt(k.state(t, sync.StateCursor), 10, 64)
		if err != nil {
			t.Fatal(err)
		}

		if code, body := k.get(t, f.srv.URL, sync.PathHealth); code != http.StatusOK || string(body) != "ok\n" {
			t.Fatalf("GET %s: %d %q", sync.PathHealth, code, body)
		}
		terminal := map[string]string{"terminal": k.cfg.TerminalID, "branch": "b1", "region": region}
		// The pull's cursor is recorded apart from the pull (Server.recordSeen).
		var fams map[string]*dto.MetricFamily
		eventually(t, func() bool {
			fams = k.scrape(t, f.srv.URL)
			lag, _ := sample(fams, "onecard_central_sync_lag_changes", terminal)
			return lag == float64(head-cursor)
		})
		for _, want := range []struct {
			name   string
			labels map[string]string
			min    float64
		}{
			{"onecard_central_requests_total", map[string]string{"path": sync.PathChanges, "code": "200"}, 1},
			{"onecard_central_requests_total", map[string]string{"path": sync.PathEvents, "code": "200"}, 1},
			{"onecard_central_requests_total", map[string]string{"path": sync.PathHealth, "code": "200"}, 1},
			{"onecard_central_events_rejected_total", map[string]string{"kind": sync.EventKindRealName}, 1},
			{"onecard_central_changes_sent_total", nil, float64(k.persons(t))},
			{"onecard_central_sync_lag_changes", terminal, float64(head - cursor)},
			{"onecard_central_terminal_last_seen_seconds", terminal, float64(time.Now().Add(-time.Hour).Unix())},
			{"onecard_central_job_last_success_seconds", map[string]string{"job": "trust_bundle"}, float64(time.Now().Add(-time.Hour).Unix())},
			{"onecard_central_job_last_success_seconds", map[string]string{"job": "reminders"}, float64(time.Now().Add(-time.Hour).Unix())},
		} {
			got, ok := sample(fams, want.name, want.labels)
			if !ok || got < want.min {
				t.Errorf("%s%v = %v (present %v), want at least %v", want.name, want.labels, got, ok, want.min)
			}
		}
		if lag, _ := sample(fams, "onecard_central_sync_lag_changes", terminal); lag != float64(head-cursor) || lag == 0 {
			t.Errorf("lag %v changes, want %d (head %d, terminal at %d)", lag, head-cursor, head, cursor)
		}
	})
}

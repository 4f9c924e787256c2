package sync_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"onecard/central"
	"onecard/central/centraltest"
	"onecard/domain"
	"onecard/store"
	"onecard/sync"
)

const region = "310000"

func TestFirstAndIncrementalSync(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b centraltest.Backend) {
		ctx := context.Background()
		f := newFixture(t, b)
		f.load(t, 0, 300, "")
		k := f.enroll(t, "b1", region)
		c := k.client(t, sync.Options{PageSize: 40})
		if err := c.Round(ctx); err != nil {
			t.Fatal(err)
		}
		want, err := f.db.Count(ctx, sync.KindPerson, region)
		if err != nil {
			t.Fatal(err)
		}
		if want == 0 || want == 300 {
			t.Fatalf("fixture: %d of 300 persons in %s, want some but not all", want, region)
		}
		if got := k.persons(t); got != want {
			t.Fatalf("kiosk has %d persons, central has %d in %s", got, want, region)
		}
		if _, err := k.st.Staff(ctx, "C1001"); err != nil {
			t.Fatalf("branch staff not synced: %v", err)
		}
		if b, err := k.st.TrustBundle(ctx); err != nil || b.Version == 0 {
			t.Fatalf("trust bundle after first sync: %+v, %v", b, err)
		}
		for _, key := range []string{sync.StateCursor, sync.StateLastSync, sync.StateServerTime} {
			if k.state(t, key) == "" {
				t.Errorf("sync state %s not set", key)
			}
		}
		if _, err := time.Parse(time.RFC3339, k.state(t, sync.StateServerTime)); err != nil {
			t.Errorf("server_time: %v", err)
		}
		st := c.Status()
		if !st.Online || st.LastSync.IsZero() || st.LastError != "" || st.Pulled == 0 {
			t.Errorf("status after a good round: %+v", st)
		}

		// Incremental: new persons and one changed person arrive, nothing else.
		f.load(t, 300, 400, region)
		var p domain.Person
		if _, err := f.db.Get(ctx, sync.KindPerson, "301", &p); err != nil {
			t.Fatal(err)
		}
		p.Surname = "Changed"
		if err := f.db.Update(ctx, func(tx *central.Tx) error { return tx.PutPerson(ctx, p) }); err != nil {
			t.Fatal(err)
		}
		if err := c.Round(ctx); err != nil {
			t.Fatal(err)
		}
		if got := k.persons(t); got != want+100 {
			t.Fatalf("after incremental sync: %d persons, want %d", got, want+100)
		}
		got, err := k.st.Person(ctx, 301)
		if err != nil || got.Surname != "Changed" {
			t.Fatalf("changed person: %+v, %v", got, err)
		}
		// 100 persons and their linked records plus one update: far fewer than a resend.
		if n := c.Status().Pulled; n < 101 || n > 600 {
			t.Errorf("incremental round pulled %d records", n)
		}

		// Central records how far the terminal got (for its sync-lag metric) apart from
		// the pulls; all of it is written by the time the server has stopped.
		f.srv.Stop()
		term, err := f.db.Terminal(ctx, k.cfg.TerminalID)
		if err != nil {
			t.Fatal(err)
		}
		if cursor := strconv.FormatInt(term.Cursor, 10); cursor != k.state(t, sync.StateCursor) || term.LastSeenAt.IsZero() {
			t.Errorf("central has the terminal at %s, seen %v; the kiosk is at %s", cursor, term.LastSeenAt, k.state(t, sync.StateCursor))
		}
	})
}

func TestLeavingRegionRemoves(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b centraltest.Backend) {
		ctx := context.Background()
		f := newFixture(t, b)
		f.load(t, 0, 20, region)
		k := f.enroll(t, "b1", region)
		other := f.enroll(t, "b2", "110000")
		c, co := k.client(t, sync.Options{}), other.client(t, sync.Options{})
		for _, cl := range []*sync.Client{c, co} {
			if err := cl.Round(ctx); err != nil {
				t.Fatal(err)
			}
		}
		h := f.gen.Holder(4)
		feed := `{"type":"change","permit":{"number":"` + h.Permit.Number + `","region":"110000"}}`
		if _, err := f.db.ImportFeed(ctx, f.keys, strings.NewReader(feed), time.Now()); err != nil {
			t.Fatal(err)
		}
		for _, cl := range []*sync.Client{c, co} {
			if err := cl.Round(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := k.st.Person(ctx, 5); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("person who left %s still in its kiosk: %v", region, err)
		}
		if _, err := k.st.Permit(ctx, h.Permit.Number); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("permit of the person who left still in the kiosk: %v", err)
		}
		if got := k.persons(t); got != 19 {
			t.Fatalf("kiosk of %s has %d persons, want 19", region, got)
		}
		p, err := other.st.Permit(ctx, h.Permit.Number)
		if err != nil || p.Region != "110000" {
			t.Fatalf("permit in the new region: %+v, %v", p, err)
		}
		if _, err := other.st.Person(ctx, 5); err != nil {
			t.Fatalf("person in the new region: %v", err)
		}
	})
}

// cutTransport breaks the response of the nth pull after a number of body bytes, as a
// dropped link or a killed process would.
type cutTransport struct {
	rt     http.RoundTripper
	nth    int
	after  int64
	onCut  func()
	pulls  int
	wasCut bool
}

func (c *cutTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := c.rt.RoundTrip(r)
	if err != nil || r.URL.Path != sync.PathChanges {
		return resp, err
	}
	c.pulls++
	if c.pulls == c.nth {
		c.wasCut = true
		resp.Body = &cutBody{rc: resp.Body, left: c.after, onCut: c.onCut}
	}
	return resp, nil
}

type cutBody struct {
	rc    io.ReadCloser
	left  int64
	onCut func()
}

func (b *cutBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		b.rc.Close()
		if b.onCut != nil {
			b.onCut()
		}
		return 0, io.ErrUnexpectedEOF
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *cutBody) Close() error { return b.rc.Close() }

func TestSyncKilledMidPageResumes(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b centraltest.Backend) {
		for _, mode := range []string{"connection cut", "context cancelled"} {
			t.Run(mode, func(t *testing.T) {
				ctx := context.Background()
				f := newFixture(t, b)
				f.load(t, 0, 120, region)
				k := f.enroll(t, "b1", region)
				tc, err := sync.LoadTLS(k.dir)
				if err != nil {
					t.Fatal(err)
				}
				pullCtx, cancel := context.WithCancel(ctx)
				defer cancel()
				// Cut the fourth page: the pull fetches one page ahead of the one it
				// writes, so by the time the fourth is read the first has committed.
				cut := &cutTransport{rt: &http.Transport{TLSClientConfig: tc}, nth: 4, after: 3000}
				if mode == "context cancelled" {
					cut.onCut = cancel
				}
				c := k.client(t, sync.Options{PageSize: 50, Transport: cut})
				if _, err := c.Pull(pullCtx); err == nil || !cut.wasCut {
					t.Fatalf("pull through a cut link: err %v, cut %v", err, cut.wasCut)
				}
				cursor, _ := strconv.ParseInt(k.state(t, sync.StateCursor), 10, 64)
				if cursor == 0 {
					t.Fatal("no page committed before the cut")
				}
				if k.state(t, sync.StateLastSync) != "" {
					t.Fatal("last_sync_at set by an interrupted sync")
				}
				partial := k.persons(t)
				c2 := k.client(t, sync.Options{PageSize: 50})
				if err := c2.Round(ctx); err != nil {
					t.Fatal(err)
				}
				if got := k.persons(t); got != 120 || partial >= 120 {
					t.Fatalf("persons: %d before resume, %d after, want 120 after", partial, got)
				}
				// Every permit arrived exactly once per person: the kiosk's permits equal central's.
				for i := range 120 {
					h := f.gen.Holder(i)
					if _, err := k.st.Permit(ctx, h.Permit.Number); err != nil {
						t.Fatalf("permit %s lost: %v", h.Permit.Number, err)
					}
				}
			})
		}
	})
}

func TestCentralDownThenUp(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b centraltest.Backend) {
		ctx := context.Background()
		f := newFixture(t, b)
		f.load(t, 0, 30, region)
		k := f.enroll(t, "b1", region)
		c := k.client(t, sync.Options{})
		addr := strings.TrimPrefix(f.srv.URL, "https://")
		f.srv.Stop()
		if err := c.Round(ctx); err == nil {
			t.Fatal("round succeeded with central down")
		}
		if st := c.Status(); st.Online || st.LastError == "" || !st.LastSync.IsZero() {
			t.Fatalf("status with central down: %+v", st)
		}
		srv, err := central.Start(ctx, f.db, f.keys, addr, nil)
		if err != nil {
			t.Skipf("could not listen on %s again: %v", addr, err)
		}
		defer srv.Stop()
		if err := c.Round(ctx); err != nil {
			t.Fatal(err)
		}
		if st := c.Status(); !st.Online || st.LastError != "" {
			t.Fatalf("status with central back: %+v", st)
		}
		if got := k.persons(t); got != 30 {
			t.Fatalf("persons after central came back: %d", got)
		}
	})
}

func TestSettingsReachTheKiosk(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b centraltest.Backend) {
		ctx := context.Background()
		f := newFixture(t, b)
		k := f.enroll(t, "b1", region)
		c := k.client(t, sync.Options{})
		put := func(v any) {
			t.Helper()
			if err := f.db.Update(ctx, func(tx *central.Tx) error { return tx.PutSetting(ctx, "residence_policy", v) }); err != nil {
				t.Fatal(err)
			}
			if err := c.Round(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := k.st.Setting(ctx, "residence_policy"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("before central sent it: %v", err)
		}
		put(map[string]int{"apply_within_days": 30})
		put(map[string]int{"apply_within_days": 45})
		doc, err := k.st.Setting(ctx, "residence_policy")
		if err != nil || string(doc) != `{"apply_within_days":45}` {
			t.Fatalf("setting at the kiosk: %s, %v", doc, err)
		}
	})
}

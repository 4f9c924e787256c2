package sync_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"onecard/central"
	"onecard/central/centraltest"
	"onecard/config"
	"onecard/demodata"
	"onecard/domain"
	"onecard/store"
	"onecard/sync"
)

var today = domain.MustDate("2026-11-27")

// fixture is a real central on a loopback port over one backend.
type fixture struct {
	db   *central.DB
	keys *central.Keys
	srv  *central.Running
	gen  *demodata.Generator
}

func newFixture(t *testing.T, b centraltest.Backend) *fixture {
	t.Helper()
	ctx := context.Background()
	db := b.Open(t)
	keys, err := central.Setup(ctx, db, []string{"127.0.0.1"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	srv, err := central.Start(ctx, db, keys, "127.0.0.1:0", nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Stop)
	return &fixture{db: db, keys: keys, srv: srv, gen: newGen()}
}

// load writes holders lo..hi-1 into central, all in region when region is not "".
func (f *fixture) load(t *testing.T, lo, hi int, region string) {
	t.Helper()
	err := f.db.Update(context.Background(), func(tx *central.Tx) error {
		for i := lo; i < hi; i++ {
			h := f.gen.Holder(i)
			if region != "" {
				h.Person.Region = region
			}
			if err := h.WriteTo(context.Background(), tx); err != nil {
				return err
			}
		}
		return tx.PutStaff(context.Background(), domain.Staff{ID: "C1001", Name: "Wang Fang", Role: domain.RoleCounter,
			Branch: "b1", PINHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", Active: true, UpdatedAt: today.Time()})
	})
	if err != nil {
		t.Fatal(err)
	}
}

// kiosk is an enrolled terminal with its own store.
type kiosk struct {
	dir string
	st  *store.Store
	cfg config.Config
}

func newGen() *demodata.Generator { return demodata.New(7, today) }

func (f *fixture) enroll(t *testing.T, branch, region string) *kiosk {
	return f.enrollB(t, branch, region)
}

func (f *fixture) enrollB(t testing.TB, branch, region string) *kiosk {
	t.Helper()
	ctx := context.Background()
	code, err := f.db.NewEnrollCode(ctx, f.keys, branch, region, time.Hour, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cfg, err := sync.Enroll(ctx, dir, f.srv.URL, code.String())
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, filepath.Join(dir, "kiosk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return &kiosk{dir: dir, st: st, cfg: cfg}
}

func (k *kiosk) client(t *testing.T, opt sync.Options) *sync.Client {
	t.Helper()
	c, err := sync.Open(k.dir, k.st, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c
}

func (k *kiosk) state(t *testing.T, key string) string {
	t.Helper()
	v, err := k.st.State(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func (k *kiosk) persons(t *testing.T) int {
	t.Helper()
	n, err := k.st.CountPersons(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// enqueue adds an outbox event to the kiosk.
func (k *kiosk) enqueue(t testing.TB, kind string, payload any) int64 {
	t.Helper()
	b, err := json.Marshal(payload)
	if err != nil {
		t.Fatal(err)
	}
	var seq int64
	err = k.st.Update(context.Background(), func(w *store.Writer) error {
		seq, err = w.Enqueue(context.Background(), kind, b, time.Now())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return seq
}

// forEachBackend runs the test on SQLite and on PostgreSQL.
func forEachBackend(t *testing.T, fn func(t *testing.T, b centraltest.Backend)) {
	for _, b := range centraltest.Backends() {
		t.Run(b.Name, func(t *testing.T) { fn(t, b) })
	}
}

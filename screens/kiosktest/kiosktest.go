// Package kiosktest builds kiosks for the screens' tests: a data directory seeded by
// `onecard seed` (in-process), a context on it with a clock the test moves, and a
// teatest program around the root model.
package kiosktest

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"onecard/app"
	"onecard/cli"
	"onecard/config"
	"onecard/demodata"
	"onecard/domain"
	"onecard/store"
)

// Today is the day every test population is dated against.
const Today = "2025-06-01"

// Start is the fixed clock's first reading: 10:00 in Shanghai on Today.
var start = time.Date(2025, 6, 1, 2, 0, 0, 0, time.UTC)

// Clock is a fixed clock that only the test moves.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock returns a clock at Today 10:00 China time.
func NewClock() *Clock { return &Clock{now: start} }

// Now reads the clock.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Seed creates a data directory with n persons through `onecard seed`.
func Seed(tb testing.TB, n int) (string, demodata.Demo) {
	tb.Helper()
	dir := tb.TempDir()
	var stderr bytes.Buffer
	code := cli.Run(context.Background(), []string{"seed", "--data", dir, "--persons", strconv.Itoa(n), "--today", Today},
		cli.Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &stderr})
	if code != 0 {
		tb.Fatalf("seed: exit %d: %s", code, stderr.String())
	}
	demo, err := demodata.LoadDemo(dir)
	if err != nil {
		tb.Fatal(err)
	}
	return dir, demo
}

// Kiosk is a test kiosk: its context, clock and store.
type Kiosk struct {
	C     *app.Context
	Clock *Clock
	Store *store.Store
}

// Open opens a context on dir in lang, with a fast status tick so that idle lock and
// the status bar react within a test's wait.
func Open(tb testing.TB, dir, lang string) *Kiosk {
	tb.Helper()
	cfg, err := config.Load(dir)
	if err != nil {
		tb.Fatal(err)
	}
	// The terminal id and the last sync come from however the directory was seeded;
	// pin them so that golden files show the same status bar every run.
	cfg.Language, cfg.TerminalID = lang, "TEST-0001"
	st, err := store.Open(context.Background(), config.KioskDB(dir))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	clock := NewClock()
	err = st.Update(context.Background(), func(w *store.Writer) error {
		return w.SetState(context.Background(), app.LastSyncKey, clock.Now().Add(-2*time.Hour).Format(time.RFC3339))
	})
	if err != nil {
		tb.Fatal(err)
	}
	c := app.NewContext(st, cfg, dir, clock.Now, slog.New(slog.NewTextHandler(io.Discard, nil)))
	c.Tick = 20 * time.Millisecond
	return &Kiosk{C: c, Clock: clock, Store: st}
}

// SignIn sets a session for staff id without a PIN check, for tests that start past login.
func (k *Kiosk) SignIn(tb testing.TB, id string) {
	tb.Helper()
	s, err := k.Store.Staff(context.Background(), id)
	if err != nil {
		tb.Fatal(err)
	}
	k.C.Session = &app.Session{Staff: s, Since: k.Clock.Now()}
}

// Run starts the root model with first at w×h.
func (k *Kiosk) Run(tb testing.TB, first func(*app.Context) app.Screen, w, h int) *teatest.TestModel {
	tb.Helper()
	return teatest.NewTestModel(tb, app.New(k.C, first), teatest.WithInitialTermSize(w, h))
}

// WaitFor waits until the output contains every one of texts.
func WaitFor(tb testing.TB, tm *teatest.TestModel, texts ...string) {
	tb.Helper()
	teatest.WaitFor(tb, tm.Output(), func(b []byte) bool {
		for _, t := range texts {
			if !bytes.Contains(b, []byte(t)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

// Type sends text as one key message per rune (teatest's Type splits bytes, which
// breaks Chinese characters).
func Type(tm *teatest.TestModel, text string) {
	for _, r := range text {
		tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

// Key sends one special key.
func Key(tm *teatest.TestModel, t tea.KeyType) { tm.Send(tea.KeyMsg{Type: t}) }

// Final quits the program and returns the root model's last view.
func Final(tb testing.TB, tm *teatest.TestModel) (*app.Model, string) {
	tb.Helper()
	if err := tm.Quit(); err != nil {
		tb.Fatal(err)
	}
	m := tm.FinalModel(tb, teatest.WithFinalTimeout(10*time.Second)).(*app.Model)
	return m, m.View()
}

// AuditEvents returns the events of the audit trail, oldest first.
func AuditEvents(tb testing.TB, st *store.Store) []string {
	tb.Helper()
	es, err := st.AuditEntries(context.Background(), store.AuditFilter{Limit: 1000})
	if err != nil {
		tb.Fatal(err)
	}
	out := make([]string, 0, len(es))
	for i := len(es) - 1; i >= 0; i-- {
		out = append(out, es[i].Event+"/"+string(es[i].Outcome))
	}
	return out
}

// WaitAudit waits until the audit trail holds an entry with event and outcome (audit
// writes run in Cmds and may land just after the screen changed).
func WaitAudit(tb testing.TB, st *store.Store, event string, outcome string) {
	tb.Helper()
	want := event + "/" + outcome
	deadline := time.Now().Add(10 * time.Second)
	for {
		for _, e := range AuditEvents(tb, st) {
			if e == want {
				return
			}
		}
		if time.Now().After(deadline) {
			tb.Fatalf("audit trail has no %s: %v", want, AuditEvents(tb, st))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// CounterEvents returns the outbox events waiting for central other than the audit
// entries that travel with every action: what a screen's action queued.
func CounterEvents(ctx context.Context, st *store.Store) ([]domain.OutboxEvent, error) {
	all, err := st.PendingEvents(ctx, 1000)
	if err != nil {
		return nil, err
	}
	var out []domain.OutboxEvent
	for _, e := range all {
		if e.Kind != store.OutboxKindAudit {
			out = append(out, e)
		}
	}
	return out, nil
}

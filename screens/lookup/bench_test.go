package lookup_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	tea "github.com/charmbracelet/bubbletea"

	"onecard/app"
	"onecard/config"
	"onecard/identity"
	"onecard/screens/kiosktest"
	"onecard/screens/lookup"
	"onecard/store"
)

// benchKiosk opens ONECARD_BENCH_DATA/kiosk.db (see store/bench_test.go), or seeds a
// 1,000,000-person directory with `onecard seed` (about a minute).
func benchKiosk(b *testing.B) *app.Context {
	b.Helper()
	dir := os.Getenv("ONECARD_BENCH_DATA")
	if _, err := os.Stat(filepath.Join(dir, "kiosk.db")); dir == "" || err != nil {
		dir, _ = kiosktest.Seed(b, 1_000_000)
	}
	st, err := store.Open(context.Background(), config.KioskDB(dir))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	c := app.NewContext(st, config.Default(), dir, kiosktest.NewClock().Now, slog.New(slog.NewTextHandler(io.Discard, nil)))
	c.Session = &app.Session{}
	return c
}

// BenchmarkKeystrokeToResults measures, for a name search at 1M persons, the time from
// the key that triggers the search (Enter) through the search Cmd, the result message
// and the rendered View. The typing before it is not timed; the debounce wait is not
// counted (Enter skips it).
func BenchmarkKeystrokeToResults(b *testing.B) {
	c := benchKiosk(b)
	m := lookup.NewWith(c, c.Store)
	m.SetSize(100, 26)
	// Names as typed at a counter: a given name and part of the surname, no diacritics.
	// The store holds its region's share of the seeded persons: every 997th id that is
	// here, up to 64 names.
	var names []string
	for id := int64(997); len(names) < 64; id += 997 {
		p, err := c.Store.Person(context.Background(), id)
		if errors.Is(err, store.ErrNotFound) && id < 64*997*50 {
			continue
		}
		if err != nil {
			b.Fatal(err)
		}
		words := func(s string) []string {
			return strings.FieldsFunc(s+" x", func(r rune) bool { return !unicode.IsLetter(r) })
		}
		sur := identity.FoldWord(words(p.Surname)[0])
		names = append(names, strings.ToLower(identity.FoldWord(words(p.GivenNames)[0])+" "+sur[:min(len(sur), 4)]))
	}
	durs := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		m.Update(tea.KeyMsg{Type: tea.KeyEsc}) // clear the field
		for _, r := range names[i%len(names)] {
			m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		}
		b.StartTimer()
		start := time.Now()
		_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyEnter})
		if cmd == nil {
			b.Fatal("Enter started no search")
		}
		m.Update(cmd()) // the audit Cmd it returns is the store's write, not rendering
		if m.View() == "" || len(m.Matches()) == 0 {
			b.Fatalf("no results for %q", names[i%len(names)])
		}
		durs = append(durs, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(durs)
	b.ReportMetric(float64(durs[len(durs)*99/100].Microseconds())/1000, "p99-ms")
	var sum time.Duration
	for _, d := range durs {
		sum += d
	}
	b.ReportMetric(float64(sum.Microseconds())/float64(len(durs))/1000, "ms/keystroke")
}

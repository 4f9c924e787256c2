package lookup

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"onecard/app"
	"onecard/config"
	"onecard/domain"
	"onecard/identity"
	"onecard/store"
)

// fakeFinder answers every search with one person whose surname is the query.
type fakeFinder struct{ calls []string }

func (f *fakeFinder) Find(_ context.Context, text string, _ int) ([]store.Match, identity.Query, error) {
	f.calls = append(f.calls, text)
	return []store.Match{{Person: domain.Person{ID: int64(len(f.calls)), Surname: text}}}, identity.ClassifyQuery(text), nil
}

func newTestModel() (*Model, *fakeFinder) {
	clock := func() time.Time { return time.Date(2025, 6, 1, 2, 0, 0, 0, time.UTC) }
	c := app.NewContext(nil, config.Default(), "", clock, slog.New(slog.NewTextHandler(io.Discard, nil)))
	f := &fakeFinder{}
	m := NewWith(c, f)
	m.SetSize(100, 20)
	return m, f
}

func typeText(m *Model, s string) []tea.Cmd {
	var cmds []tea.Cmd
	for _, r := range s {
		_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		cmds = append(cmds, cmd)
	}
	return cmds
}

func TestStaleResultsDropped(t *testing.T) {
	m, f := newTestModel()
	typeText(m, "wang")
	first := m.req
	old := search(f, "wang", first)()
	typeText(m, " li")
	m.Update(old)
	if len(m.Matches()) != 0 {
		t.Fatalf("results for %q shown after the text changed", "wang")
	}
	_, cmd := m.Update(debounceMsg{req: first})
	if cmd != nil {
		t.Fatal("an old debounce started a search")
	}
	_, cmd = m.Update(debounceMsg{req: m.req})
	if cmd == nil {
		t.Fatal("the current debounce did not search")
	}
	m.Update(cmd())
	if len(m.Matches()) != 1 || m.Matches()[0].Person.Surname != "wang li" {
		t.Fatalf("matches %+v", m.Matches())
	}
}

func TestSearchPlan(t *testing.T) {
	for _, tt := range []struct {
		text string
		want plan
	}{
		{"110000W00000000001", planNow}, // permit number: complete at 18 characters
		{"110000W0000000000", planNone}, // one short: a passport number could still grow
		{"AB1234567", planNone},         // passport: Enter searches
		{"mü", planDebounce},
		{"m", planNone},
		{"王", planDebounce},
	} {
		if got := planFor(tt.text); got != tt.want {
			t.Errorf("planFor(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestEnterSearchesAtOnceAndEscClears(t *testing.T) {
	m, f := newTestModel()
	typeText(m, "AB1234567")
	if len(f.calls) != 0 {
		t.Fatal("a passport number searched before Enter")
	}
	_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyEnter})
	m.Update(cmd())
	if len(m.Matches()) != 1 {
		t.Fatalf("Enter did not search: %v", f.calls)
	}
	m.Update(tea.KeyMsg{Type: tea.KeyEsc})
	if m.input.Value() != "" || len(m.Matches()) != 0 {
		t.Error("Esc did not clear the search")
	}
	_, cmd = m.Update(tea.KeyMsg{Type: tea.KeyEsc})
	if cmd == nil {
		t.Fatal("Esc on an empty search did not go back")
	}
	if _, ok := cmd().(app.PopMsg); !ok {
		t.Error("Esc on an empty search is not Pop")
	}
}

package lookup

import (
	"context"
	"strings"
	"time"
	"unicode"

	tea "github.com/charmbracelet/bubbletea"

	"onecard/identity"
	"onecard/store"
)

// Debounce is how long name typing pauses before a search: long enough to skip most
// intermediate words, short enough to feel immediate.
const Debounce = 150 * time.Millisecond

// maxResults caps the table; a longer list means the query is too vague to read anyway.
const maxResults = 50

// searchTimeout bounds one search; a slower one shows an error rather than a hang.
const searchTimeout = 5 * time.Second

// Finder is what the lookup needs from the store.
type Finder interface {
	Find(ctx context.Context, text string, limit int) ([]store.Match, identity.Query, error)
}

// debounceMsg fires when name typing has paused; only the latest request searches.
type debounceMsg struct{ req int }

// resultsFoundMsg answers search request req.
type resultsFoundMsg struct {
	req     int
	text    string
	query   identity.Query
	matches []store.Match
	err     error
}

// search runs the store lookup for text as request req.
func search(f Finder, text string, req int) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), searchTimeout)
		defer cancel()
		ms, q, err := f.Find(ctx, text, maxResults)
		return resultsFoundMsg{req: req, text: text, query: q, matches: ms, err: err}
	}
}

func debounce(req int) tea.Cmd {
	return tea.Tick(Debounce, func(time.Time) tea.Msg { return debounceMsg{req: req} })
}

// plan decides what a change of the search text does: search at once (a complete
// identifier: it has a valid check character or an exact length and shape), wait for a
// pause (a name), or nothing until Enter (a passport number could still grow).
type plan int

const (
	planNone plan = iota
	planNow
	planDebounce
)

func planFor(text string) plan {
	q := identity.ClassifyQuery(text)
	for _, k := range q.Kinds {
		switch k {
		case identity.QueryPermit, identity.QuerySSN, identity.QueryPRID:
			return planNow
		case identity.QueryName:
			if nameLongEnough(q.Text) {
				return planDebounce
			}
		}
	}
	return planNone
}

// nameLongEnough: two letters of a Latin name, or one Chinese character (a surname).
func nameLongEnough(s string) bool {
	n := 0
	for _, r := range strings.TrimSpace(s) {
		if unicode.Is(unicode.Han, r) {
			return true
		}
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n >= 2
}

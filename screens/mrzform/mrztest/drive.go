package mrztest

import (
	"context"
	"database/sql"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"onecard/app"
	"onecard/store"
)

// Drive sends msg to s and runs every Cmd it returns synchronously, feeding each
// result back, as the root would; it returns the errors the screen reported.
func Drive(s app.Screen, msg tea.Msg) []app.ErrMsg {
	var errs []app.ErrMsg
	queue := []tea.Msg{msg}
	for len(queue) > 0 {
		msg, queue = queue[0], queue[1:]
		switch m := msg.(type) {
		case nil, app.StatusMsg, app.PopMsg:
			continue
		case app.ErrMsg:
			errs = append(errs, m)
			continue
		case tea.BatchMsg:
			for _, c := range m {
				if c != nil {
					queue = append(queue, c())
				}
			}
			continue
		}
		var cmd tea.Cmd
		s, cmd = s.Update(msg)
		if cmd != nil {
			queue = append(queue, cmd())
		}
	}
	return errs
}

// FailOutbox makes the store refuse events for central from now on, so a counter
// action fails at its last write; it returns a function that lifts the refusal.
func FailOutbox(t *testing.T, st *store.Store) func() {
	t.Helper()
	db, err := sql.Open("sqlite3", st.Path())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	exec := func(q string) {
		if _, err := db.ExecContext(context.Background(), q); err != nil {
			t.Fatal(err)
		}
	}
	exec(`CREATE TRIGGER test_fail_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'outbox refused by the test'); END`)
	return func() { exec(`DROP TRIGGER test_fail_outbox`) }
}

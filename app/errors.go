package app

import (
	"context"
	"errors"

	tea "github.com/charmbracelet/bubbletea"

	"onecard/identity"
	"onecard/store"
)

// ErrMsg reports a failed operation. The root shows catalogue text for it in the
// message line (cleared by the next key) and logs the raw error, never printing it.
type ErrMsg struct {
	Op  string // what was being done: "lookup", "login", "audit", ...
	Err error
}

func (e ErrMsg) Error() string { return e.Op + ": " + e.Err.Error() }

// Fail returns a Cmd yielding ErrMsg.
func Fail(op string, err error) tea.Cmd {
	return func() tea.Msg { return ErrMsg{Op: op, Err: err} }
}

// ErrorText maps an error to what counter staff should read.
func (c *Context) ErrorText(err error) string {
	var fe *identity.FieldError
	switch {
	case errors.Is(err, store.ErrNotFound):
		return c.Text.T("err.not_found")
	case errors.As(err, &fe):
		field := fe.Field // fields without a catalogue name show as the record calls them
		if c.Text.Has(c.Text.Lang(), "field."+fe.Field) {
			field = c.Text.T("field." + fe.Field)
		}
		return c.Text.F("err.field", field)
	case errors.Is(err, context.DeadlineExceeded):
		return c.Text.T("err.timeout")
	case errors.Is(err, store.ErrAuditAppend):
		return c.Text.T("err.audit")
	}
	return c.Text.T("err.internal")
}

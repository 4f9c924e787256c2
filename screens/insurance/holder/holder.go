// Package holder finds the person an insurance, card or one-card service is for: from
// a scanned Notification-Letter or e-SSC code (only a VALID code counts), from a typed
// work-permit number, or from the record already open. It is a component the screens
// of those workflows embed, not a screen.
package holder

import (
	"context"
	"errors"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"onecard/app"
	"onecard/credential"
	"onecard/domain"
	"onecard/identity"
	rules "onecard/insurance"
	"onecard/store"
)

// lookupTimeout bounds one verification and record load.
const lookupTimeout = 5 * time.Second

// ErrNotValid: the scanned code did not verify; Found.Code says why.
var ErrNotValid = errors.New("code not valid")

// Found answers a Picker's request. Permit is the permit the code or number named, or
// the person's current permit when the holder came from their record.
type Found struct {
	Req    int
	Rec    store.Record
	Permit *domain.WorkPermit
	Via    string            // "permit", "notice", "essc" or "record"
	Code   credential.Result // the verification, when a code was scanned
	Err    error
}

// Picker is the field a permit number is typed or a code scanned into.
type Picker struct {
	field app.ScanField
	req   int
}

// New returns a focused picker.
func New(c *app.Context) Picker {
	f := app.NewScanField(c)
	f.Input.Placeholder = c.Text.T("holder.placeholder")
	return Picker{field: f}
}

// Mine reports whether f answers the picker's newest request.
func (p *Picker) Mine(f Found) bool { return f.Req == p.req }

// View is the input line.
func (p *Picker) View() string { return p.field.Input.View() }

// Update takes keys and scans; it returns the lookup's Cmd once a number or code is in.
func (p *Picker) Update(c *app.Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case app.ScanMsg:
		return p.find(c, msg.Payload)
	case tea.KeyMsg:
		cmd, text, done, _ := p.field.Update(c, msg)
		if !done || strings.TrimSpace(text) == "" {
			return cmd
		}
		return p.find(c, text)
	}
	return nil
}

// isCode tells a QR payload from a permit number. The prefix decides, not how the
// text arrived: a wedge scanner may read a printed permit number, and a fast typist
// looks like a scanner burst.
func isCode(text string) bool {
	return strings.HasPrefix(text, "WPN1:") || strings.HasPrefix(text, "ESC1:")
}

func (p *Picker) find(c *app.Context, text string) tea.Cmd {
	p.req++
	req, st, v := p.req, c.Store, c.Verify
	text = strings.TrimSpace(text)
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), lookupTimeout)
		defer cancel()
		f := Found{Req: req, Via: "permit"}
		number := strings.ToUpper(text)
		if isCode(text) {
			if v == nil {
				f.Err = ErrNotValid
				return f
			}
			f.Code = v.Verify(ctx, text)
			if f.Code.Verdict != credential.Valid {
				f.Err = ErrNotValid
				return f
			}
			number, f.Via = f.Code.Permit, string(f.Code.Kind)
		}
		if f.Err = identity.CheckPermitNumber(number); f.Err != nil {
			return f
		}
		w, err := st.Permit(ctx, number)
		if err != nil {
			f.Err = err
			return f
		}
		f.Permit = &w
		f.Rec, f.Err = st.Record(ctx, w.PersonID)
		return f
	}
}

// Load finds person id, as when the workflow starts from their open record.
func (p *Picker) Load(c *app.Context, id int64) tea.Cmd {
	p.req++
	req, st := p.req, c.Store
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), lookupTimeout)
		defer cancel()
		rec, err := st.Record(ctx, id)
		return Found{Req: req, Rec: rec, Permit: rec.CurrentPermit(), Via: "record", Err: err}
	}
}

// ErrorText is what the clerk reads when a lookup found no one.
func ErrorText(c *app.Context, f Found) string {
	var fe *identity.FieldError
	switch {
	case errors.Is(f.Err, ErrNotValid):
		msg := f.Code.MessageZH
		if c.Text.Lang() == "en" {
			msg = f.Code.MessageEN
		}
		return c.Text.F("holder.code_not_valid", string(f.Code.Verdict), msg)
	case errors.Is(f.Err, store.ErrNotFound):
		return c.Text.T("holder.not_found")
	case errors.As(f.Err, &fe):
		return c.Text.T("holder.bad_number")
	}
	return c.ErrorText(f.Err)
}

// RejectionText is central's refusal of a request as the clerk reads it out: the
// reason's words in lang when central sent a reason code, else central's own text.
func RejectionText(reason, lang string) string {
	if r, ok := rules.ParseRejection(reason); ok {
		return rules.Message(r, lang)
	}
	return reason
}

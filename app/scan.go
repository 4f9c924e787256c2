package app

import (
	"context"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"onecard/credential"
	"onecard/scanner"
)

// ScanMsg is one code read by an attached scanner (serial, evdev, camera) or typed into
// a field by a keyboard-wedge scanner. The root sends it to the top screen, and only
// while a staff member is signed in and the kiosk is not locked.
type ScanMsg struct {
	Source  string
	Payload string
	At      time.Time
}

// Device is the last thing an attached scanner reported, for the scan screen.
type Device struct {
	Source string
	OK     bool
	Text   string // "open", or the error, as the device reported it
	At     time.Time
}

// scanEventMsg carries one event off the scanner channel; closed means the channel ended.
type scanEventMsg struct {
	ev     scanner.Event
	closed bool
}

// waitScan is the Cmd that waits for the next scanner event; the root issues it again
// after each one, so exactly one wait is outstanding.
func waitScan(ch <-chan scanner.Event) tea.Cmd {
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		ev, ok := <-ch
		return scanEventMsg{ev: ev, closed: !ok}
	}
}

// scanEvent records device states and turns codes into ScanMsgs for the top screen.
func (m *Model) scanEvent(msg scanEventMsg) tea.Cmd {
	if msg.closed {
		return nil
	}
	ev := msg.ev
	next := waitScan(m.c.Scans)
	switch ev.Kind {
	case scanner.KindCode:
		if m.c.Session == nil || m.dialog != nil {
			m.errText, m.notice = "", m.c.Text.T("scan.ignored_signed_out") // the newest message wins
			return next
		}
		return tea.Batch(next, m.updateTop(ScanMsg{Source: ev.Source, Payload: ev.Payload, At: ev.At}))
	case scanner.KindError:
		m.c.Devices[ev.Source] = Device{Source: ev.Source, Text: ev.Err.Error(), At: ev.At}
		m.errText = m.c.Text.F("scan.device_error", ev.Source)
		m.c.Log.Warn("scanner error", "source", ev.Source, "err", ev.Err)
	default:
		m.c.Devices[ev.Source] = Device{Source: ev.Source, OK: true, Text: ev.Payload, At: ev.At}
	}
	return next
}

// ScanField is a text field that also takes keyboard-wedge scans: keys that arrive in
// a scanner's burst and end with Enter are a scanned code, slower keys are typing.
type ScanField struct {
	Input textinput.Model
	wedge *scanner.Wedge
}

// NewScanField returns a focused field using the configured wedge key gap.
func NewScanField(c *Context) ScanField {
	in := textinput.New()
	in.Prompt = "› "
	in.CharLimit = 4296 // the most a QR code holds
	in.Cursor.SetMode(cursor.CursorStatic)
	in.Focus()
	gap := time.Duration(c.Config.Scanners.WedgeGapMS) * time.Millisecond
	return ScanField{Input: in, wedge: scanner.NewWedge(gap, 0)}
}

// Update feeds msg to the field. When Enter ends the input it returns the text and
// done; scanned tells whether the keys came as a scanner burst.
func (f *ScanField) Update(c *Context, msg tea.Msg) (cmd tea.Cmd, text string, done, scanned bool) {
	if k, ok := msg.(tea.KeyMsg); ok {
		now := c.Clock()
		switch k.Type {
		case tea.KeyEnter:
			_, scanned = f.wedge.Key('\r', now)
			text = f.Input.Value()
			f.Input.SetValue("")
			return nil, text, true, scanned
		case tea.KeyRunes:
			for _, r := range k.Runes {
				f.wedge.Key(r, now)
			}
		default:
			f.wedge.Reset()
		}
	}
	f.Input, cmd = f.Input.Update(msg)
	return cmd, "", false, false
}

// Verifier checks a scanned payload offline; trust.Live is the kiosk's.
type Verifier interface {
	Verify(ctx context.Context, text string) credential.Result
}

// Camera gives the scan screen the attached camera's newest frame for its preview.
type Camera interface {
	Latest() (scanner.Frame, bool)
}

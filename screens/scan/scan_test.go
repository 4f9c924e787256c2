package scan_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"onecard/credential"
	"onecard/demodata"
	"onecard/domain"
	"onecard/scanner"
	"onecard/screens/kiosktest"
	"onecard/screens/scan"
	"onecard/store"
	"onecard/sync"
)

func init() { lipgloss.SetColorProfile(termenv.Ascii) }

// rig is a seeded kiosk whose QR trust is dated by its fixed clock, with a scanner
// channel the test feeds as the attached devices would.
type rig struct {
	k      *kiosktest.Kiosk
	demo   demodata.Demo
	issuer *credential.Issuer
	rogue  *credential.Issuer // a key the bundle does not list
	scans  chan scanner.Event
}

func newRig(t *testing.T, lang string) rig {
	t.Helper()
	dir, demo := kiosktest.Seed(t, 300)
	k := kiosktest.Open(t, dir, lang)
	issuer, rogue := k.Trust(t)
	scans := make(chan scanner.Event, 4)
	k.C.Scans = scans
	return rig{k: k, demo: demo, issuer: issuer, rogue: rogue, scans: scans}
}

func (r rig) claims(t *testing.T, number string) credential.Permit {
	t.Helper()
	ctx := context.Background()
	w, err := r.k.Store.Permit(ctx, number)
	if err != nil {
		t.Fatal(err)
	}
	p, err := r.k.Store.Person(ctx, w.PersonID)
	if err != nil {
		t.Fatal(err)
	}
	return credential.PermitOf(p, w)
}

func (r rig) notice(t *testing.T, is *credential.Issuer, number string) string {
	t.Helper()
	return r.k.Notice(t, is, number)
}

func (r rig) essc(t *testing.T, number string) string {
	t.Helper()
	now := r.k.Clock.Now()
	phone, err := r.issuer.NewHolder(r.claims(t, number), now.Add(-24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	code, err := phone.Code(now.Add(-3 * time.Second))
	if err != nil {
		t.Fatal(err)
	}
	return code
}

// cancel marks a permit cancelled in the local store, as a sync after the cancellation would.
func (r rig) cancel(t *testing.T, number string) {
	t.Helper()
	ctx := context.Background()
	w, err := r.k.Store.Permit(ctx, number)
	if err != nil {
		t.Fatal(err)
	}
	w.Status = domain.PermitCancelled
	if err := r.k.Store.Update(ctx, func(wr *store.Writer) error { return wr.PutPermit(ctx, w) }); err != nil {
		t.Fatal(err)
	}
}

func TestVerdicts(t *testing.T) {
	tests := []struct {
		name    string
		lang    string
		present func(t *testing.T, r rig, tm *teatest.TestModel)
		wait    string
		outcome domain.Outcome
		verdict string
	}{
		{"valid_notice_from_serial", "zh", func(t *testing.T, r rig, tm *teatest.TestModel) {
			r.scans <- scanner.Event{Source: "serial /dev/ttyACM0", Kind: scanner.KindCode,
				Payload: r.notice(t, r.issuer, r.demo.Permits[demodata.StateValid][0])}
		}, "有效 VALID", domain.OutcomeOK, "VALID"},
		{"valid_essc_from_wedge", "en", func(t *testing.T, r rig, tm *teatest.TestModel) {
			kiosktest.Type(tm, r.essc(t, r.demo.Permits[demodata.StateValid][0]))
			kiosktest.Key(tm, tea.KeyEnter)
		}, "VALID 有效", domain.OutcomeOK, "VALID"},
		{"invalid_permit_cancelled_since", "en", func(t *testing.T, r rig, tm *teatest.TestModel) {
			number := r.demo.Permits[demodata.StateValid][1]
			code := r.notice(t, r.issuer, number)
			r.cancel(t, number)
			r.scans <- scanner.Event{Source: "serial /dev/ttyACM0", Kind: scanner.KindCode, Payload: code}
		}, "INVALID 无效", domain.OutcomeDenied, "INVALID"},
		{"cannot_verify_unknown_key", "zh", func(t *testing.T, r rig, tm *teatest.TestModel) {
			r.scans <- scanner.Event{Source: "evdev /dev/input/event5", Kind: scanner.KindCode,
				Payload: r.notice(t, r.rogue, r.demo.Permits[demodata.StateValid][0])}
		}, "无法核验 CANNOT VERIFY", domain.OutcomeDenied, "CANNOT_VERIFY"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(t, tt.lang)
			r.k.SignIn(t, "E2001")
			tm := r.k.Run(t, scan.New, 100, 34)
			tt.present(t, r, tm)
			// The verdict, and the status bar counting the verification's event once its
			// refresh has run.
			kiosktest.WaitFor(t, tm, tt.wait, map[string]string{"zh": "待同步 1", "en": "outbox 1"}[tt.lang])
			kiosktest.WaitAudit(t, r.k.Store, "verify", string(tt.outcome))
			_, view := kiosktest.Final(t, tm)
			teatest.RequireEqualOutput(t, []byte(view))

			events, err := kiosktest.CounterEvents(context.Background(), r.k.Store)
			if err != nil || len(events) != 1 || events[0].Kind != sync.EventKindScan {
				t.Fatalf("outbox: %+v, %v", events, err)
			}
			if got := string(events[0].Payload); !strings.Contains(got, `"verdict":"`+tt.verdict+`"`) || !strings.Contains(got, `"staff_id":"E2001"`) {
				t.Fatalf("scan event payload %s", got)
			}
		})
	}
}

// TestDevicesAndSignedOutCodes drives the root's scanner channel: device states show on
// the scan screen, and a code read while no one is signed in is dropped, not verified.
func TestDevicesAndSignedOutCodes(t *testing.T) {
	r := newRig(t, "en")
	tm := r.k.Run(t, scan.New, 100, 34)
	r.scans <- scanner.Event{Source: "camera /dev/video0", Kind: scanner.KindError, Err: errors.New("no such device")}
	kiosktest.WaitFor(t, tm, "Scanner camera /dev/video0 failed; retrying.")
	r.scans <- scanner.Event{Source: "serial /dev/ttyACM0", Kind: scanner.KindStatus, Payload: "open"}
	r.scans <- scanner.Event{Source: "serial /dev/ttyACM0", Kind: scanner.KindCode, Payload: "WPN1:ANYTHING"}
	kiosktest.WaitFor(t, tm, "was ignored")
	_, view := kiosktest.Final(t, tm)
	for _, want := range []string{"● camera /dev/video0 no such device", "● serial /dev/ttyACM0"} {
		if !strings.Contains(view, want) {
			t.Errorf("view lacks %q:\n%s", want, view)
		}
	}
	if got := kiosktest.AuditEvents(t, r.k.Store); len(got) != 0 {
		t.Fatalf("a code read while signed out was audited as %v", got)
	}
	if n, _ := r.k.Store.CountPending(context.Background()); n != 0 {
		t.Fatalf("a code read while signed out was queued: %d events", n)
	}
}

// stillCamera is an attached camera that keeps showing one picture.
type stillCamera struct{ f scanner.Frame }

func (s stillCamera) Latest() (scanner.Frame, bool) { return s.f, true }

// TestCameraPreview draws the camera's picture under the scan field: a QR code rendered
// by the real encoder, reduced to the preview's rows.
func TestCameraPreview(t *testing.T) {
	r := newRig(t, "en")
	code, err := credential.EncodeQR(r.notice(t, r.issuer, r.demo.Permits[demodata.StateValid][0]))
	if err != nil {
		t.Fatal(err)
	}
	r.k.C.Camera = stillCamera{scanner.FrameFromImage(code.Image(4))}
	r.k.SignIn(t, "C1001")
	m := scan.New(r.k.C)
	m.SetSize(100, 30)
	view := m.View()
	// Without colour the preview is an ASCII ramp, one line per two pixel rows.
	ramp := 0
	for _, line := range strings.Split(view, "\n") {
		if l := strings.TrimSpace(line); len(l) >= 10 && strings.Trim(l, "@%#*+=-:. ") == "" {
			ramp++
		}
	}
	if ramp != 10 {
		t.Fatalf("no camera preview in the view:\n%s", view)
	}
}

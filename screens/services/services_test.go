package services_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"onecard/app"
	"onecard/domain"
	"onecard/screens/kiosktest"
	"onecard/screens/services"
	"onecard/slip"
	"onecard/store"
)

func init() { lipgloss.SetColorProfile(termenv.Ascii) }

// holderWithNotice finds a holder with a permit and gives them a notice.
func holderWithNotice(t *testing.T, st *store.Store) store.Record {
	t.Helper()
	ctx := context.Background()
	for id := int64(1); id <= 200; id++ {
		rec, err := st.Record(ctx, id)
		if err != nil || rec.CurrentPermit() == nil {
			continue
		}
		n := domain.Notification{ID: "registration-REG-T-1", PersonID: id, Kind: "insurance_registration",
			TextZH: "您的社会保险参保登记已办理。", TextEN: "Your social insurance registration has been accepted.",
			CreatedAt: time.Date(2025, 5, 30, 8, 0, 0, 0, time.UTC)}
		if err := st.Update(ctx, func(w *store.Writer) error { return w.PutNotification(ctx, n) }); err != nil {
			t.Fatal(err)
		}
		rec, err = st.Record(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return rec
	}
	t.Fatal("no holder with a permit")
	return store.Record{}
}

func TestServices(t *testing.T) {
	if _, err := os.Stat(slip.DefaultFont); err != nil {
		t.Fatalf("the PDF export needs the CJK font: %v", err)
	}
	tests := []struct {
		name, lang string
		key        tea.KeyType
		event      string
		ext        string
		want       func(t *testing.T, b []byte, rec store.Record)
	}{
		{"notices_zh", "zh", tea.KeyCtrlN, "print", ".txt", func(t *testing.T, b []byte, rec store.Record) {
			if !bytes.Contains(b, []byte("您的社会保险参保登记已办理。")) || !bytes.Contains(b, []byte("Your social insurance registration")) {
				t.Fatalf("notices printout:\n%s", b)
			}
		}},
		{"permit_pdf_en", "en", tea.KeyCtrlD, "export", ".pdf", func(t *testing.T, b []byte, rec store.Record) {
			if !bytes.HasPrefix(b, []byte("%PDF-")) || len(b) < 1000 {
				t.Fatalf("not a PDF: %q", b[:min(len(b), 20)])
			}
		}},
		{"permit_text_en", "en", tea.KeyCtrlP, "print", ".txt", func(t *testing.T, b []byte, rec store.Record) {
			if !bytes.Contains(b, []byte(rec.CurrentPermit().Number)) || !bytes.Contains(b, []byte("工作许可证号 Permit no.")) {
				t.Fatalf("permit printout:\n%s", b)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir, _ := kiosktest.Seed(t, 200)
			k := kiosktest.Open(t, dir, tc.lang)
			k.SignIn(t, "C1001")
			rec := holderWithNotice(t, k.Store)
			out := t.TempDir()
			tm := k.Run(t, func(c *app.Context) app.Screen { return services.NewWith(c, 0, services.Options{Dir: out}) }, 100, 30)
			kiosktest.Type(tm, rec.CurrentPermit().Number)
			kiosktest.Key(tm, tea.KeyEnter)
			// The holder's surname shows only once the lookup has answered; the typed
			// number shows at once.
			kiosktest.WaitFor(t, tm, rec.Person.Surname)
			tm.Send(tea.KeyMsg{Type: tc.key})
			kiosktest.WaitAudit(t, k.Store, tc.event, "ok")
			kiosktest.WaitFor(t, tm, "-20250601-100000"+tc.ext)
			_, view := kiosktest.Final(t, tm)
			teatest.RequireEqualOutput(t, []byte(view))
			files, err := filepath.Glob(filepath.Join(out, "*"+tc.ext))
			if err != nil || len(files) != 1 {
				t.Fatalf("files %v, %v", files, err)
			}
			b, err := os.ReadFile(files[0])
			if err != nil {
				t.Fatal(err)
			}
			tc.want(t, b, rec)
		})
	}
}

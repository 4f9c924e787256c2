package syncproblems_test

import (
	"context"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"onecard/app"
	"onecard/domain"
	"onecard/screens/kiosktest"
	"onecard/screens/syncproblems"
	"onecard/store"
	"onecard/sync"
)

func init() { lipgloss.SetColorProfile(termenv.Ascii) }

// linkDown is a sync client that cannot reach central.
type linkDown struct{ last time.Time }

func (l linkDown) Status() app.SyncState {
	return app.SyncState{Online: false, Pending: 1, LastSync: l.last, LastError: "dial tcp 10.1.2.3:8443: connect: no route to host"}
}
func (linkDown) SyncNow() {}

func TestRejectedEventsShown(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		t.Run(lang, func(t *testing.T) {
			ctx := context.Background()
			dir, _ := kiosktest.Seed(t, 50)
			k := kiosktest.Open(t, dir, lang)
			k.C.Sync = linkDown{last: k.Clock.Now().Add(-3 * time.Hour)}
			at := k.Clock.Now().Add(-time.Hour)
			// Three events; central accepted one and rejected one, one still waits.
			var seqs []int64
			err := k.Store.Update(ctx, func(w *store.Writer) error {
				for range 3 {
					seq, err := w.Enqueue(ctx, sync.EventKindRealName, []byte(`{}`), at)
					if err != nil {
						return err
					}
					seqs = append(seqs, seq)
				}
				if err := w.Acknowledge(ctx, seqs[0], domain.OutboxAccepted, "", at); err != nil {
					return err
				}
				return w.Acknowledge(ctx, seqs[1], domain.OutboxRejected, "person 999999 is not in region 310000", at)
			})
			if err != nil {
				t.Fatal(err)
			}
			k.SignIn(t, "S3001")
			tm := k.Run(t, syncproblems.New, 100, 24)
			kiosktest.WaitFor(t, tm, "person 999999 is not in region 310000")
			_, view := kiosktest.Final(t, tm)
			teatest.RequireEqualOutput(t, []byte(view))
			kiosktest.WaitAudit(t, k.Store, "sync_problems", "ok")
		})
	}
}

package central_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"onecard/central"
	"onecard/domain"
	"onecard/insurance"
	"onecard/sync"
)

// FuzzApplyEvents pushes one fuzzed event of each kind into a real SQLite central
// (opened once per fuzz process) and checks: a bad payload is answered with a rejection
// and a reason, never an error that would make the branch retry it forever; an event
// rejected as malformed or of an unknown kind writes no synced change; an accepted payload is exactly one JSON document; and
// the same event pushed again gets the same answer.
func FuzzApplyEvents(f *testing.F) {
	at := time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC)
	add := func(kind string, v any) {
		b, err := json.Marshal(v)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(kind, b)
	}
	add(sync.EventKindRealName, sync.EventRealName{PersonID: 1, PermitNumber: "310000W00000000001", At: at, StaffID: "C1001", Outcome: "authenticated"})
	add(sync.EventKindScan, sync.EventScan{Permit: "310000W00000000001", Kind: "essc", Verdict: "VALID", Reason: "ok", At: at, StaffID: "C1001"})
	add(sync.EventKindCardApplication, sync.EventCardApplication{Ref: "b1-0001", PersonID: 1, PhotoReceipt: "PR123", BankBranch: "ICBC Pudong", At: at, StaffID: "C1001"})
	add(sync.EventKindCardAction, sync.EventCardAction{Ref: "b1-0002", PersonID: 1, Action: insurance.CardAction("report_loss"), From: domain.CardState("active"), At: at, StaffID: "C1001"})
	f.Add(sync.EventKindRealName, []byte(`{"person_id":1,"permit_number":"310000W00000000001","at":"2026-11-27T09:30:00Z","staff_id":"C1001","outcome":"authenticated"} {}`))
	f.Add("nonsense", []byte(`{}`))

	ctx := context.Background()
	db, err := central.OpenSQLite(ctx, filepath.Join(f.TempDir(), "central.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	if _, err := central.Setup(ctx, db, []string{"127.0.0.1"}, at); err != nil {
		f.Fatal(err)
	}
	err = db.Update(ctx, func(tx *central.Tx) error {
		if err := tx.PutPerson(ctx, person(1)); err != nil {
			return err
		}
		return tx.PutPermit(ctx, permit(1, "310000W00000000001", domain.FormElectronic, "2028-01-15"))
	})
	if err != nil {
		f.Fatal(err)
	}
	term := central.Terminal{ID: "T-FUZZ", Branch: "b1", Region: "310000"}
	seq := int64(0)

	f.Fuzz(func(t *testing.T, kind string, payload []byte) {
		seq++
		ev := sync.Event{Seq: seq, Kind: kind, Payload: payload, CreatedAt: at}
		head, err := db.HeadSeq(ctx)
		if err != nil {
			t.Fatal(err)
		}
		answers, err := db.ApplyEvents(ctx, term, []sync.Event{ev}, at)
		if err != nil {
			t.Fatalf("%s event %q: %v", kind, payload, err)
		}
		if len(answers) != 1 || answers[0].Seq != seq {
			t.Fatalf("answers %+v", answers)
		}
		a := answers[0]
		switch a.State {
		case string(domain.OutboxRejected):
			if a.Reason == "" {
				t.Fatalf("%s event %q rejected without a reason", kind, payload)
			}
			if !strings.Contains(a.Reason, "malformed payload") && !strings.Contains(a.Reason, "unknown event kind") {
				break // a refused request (a card turn) may be recorded for the branch to see
			}
			if after, err := db.HeadSeq(ctx); err != nil || after != head {
				t.Fatalf("%s event %q rejected (%s) but changes went from %d to %d (%v)", kind, payload, a.Reason, head, after, err)
			}
		case string(domain.OutboxAccepted):
			if !json.Valid(payload) {
				t.Fatalf("%s event %q accepted, but it is not one JSON document", kind, payload)
			}
		default:
			t.Fatalf("answer state %q", a.State)
		}
		again, err := db.ApplyEvents(ctx, term, []sync.Event{ev}, at)
		if err != nil || len(again) != 1 || again[0] != a {
			t.Fatalf("pushed again: %+v, %v; first %+v", again, err, a)
		}
	})
}

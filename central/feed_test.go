package central_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"onecard/central"
	"onecard/central/centraltest"
	"onecard/domain"
	"onecard/sync"
)

func person(id int64) domain.Person {
	return domain.Person{ID: id, Surname: "Müller", GivenNames: "Jürgen", Nationality: "DEU", Sex: domain.SexMale,
		BirthDate: domain.MustDate("1980-05-01"), PassportNumber: "C0" + strconv.FormatInt(id, 10) + "1234",
		PassportExpiry: domain.MustDate("2030-01-01"), Region: "310000", UpdatedAt: time.Unix(0, 0).UTC()}
}

func permit(id int64, number string, form domain.PermitForm, until string) domain.WorkPermit {
	return domain.WorkPermit{Number: number, PersonID: id, Category: domain.CategoryB, Track: domain.TrackOver90,
		EmployerName: "Jade Trading Co., Ltd.", EmployerUSCC: "913100000000000123", Position: "Engineer", Region: "310000",
		ValidFrom: domain.MustDate("2024-06-01"), ValidUntil: domain.MustDate(until), Status: domain.PermitValid, Form: form}
}

func TestFeedAndReminders(t *testing.T) {
	for _, b := range centraltest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			ctx := context.Background()
			db := b.Open(t)
			now := time.Date(2026, 11, 27, 2, 0, 0, 0, time.UTC)
			keys, err := central.Setup(ctx, db, []string{"127.0.0.1"}, now)
			if err != nil {
				t.Fatal(err)
			}
			legacy := permit(1, "310000W00000000001", domain.FormPhysicalLegacy, "2027-01-15")
			idle := permit(2, "310000W00000000002", domain.FormPhysicalLegacy, "2027-02-10")
			err = db.Update(ctx, func(tx *central.Tx) error {
				for i, p := range []domain.WorkPermit{legacy, idle} {
					if err := tx.PutPerson(ctx, person(int64(i+1))); err != nil {
						return err
					}
					if err := tx.PutPermit(ctx, p); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			// An extension turns the legacy permit electronic; the untouched one stays physical.
			feed := `{"type":"extension","permit":{"number":"310000W00000000001","valid_until":"2028-01-15"}}
{"type":"revocation","permit":{"number":"310000W00000000002"},"credential_id":"CRED123"}
`
			st, err := db.ImportFeed(ctx, keys, strings.NewReader(feed), now)
			if err != nil {
				t.Fatal(err)
			}
			if st.TurnedDigital != 1 || !st.BundleRepublished {
				t.Fatalf("stats %+v", st)
			}
			var p domain.WorkPermit
			if _, err := db.Get(ctx, sync.KindPermit, legacy.Number, &p); err != nil {
				t.Fatal(err)
			}
			if p.Form != domain.FormElectronic || p.ValidUntil != domain.MustDate("2028-01-15") {
				t.Fatalf("extended permit %+v", p)
			}
			if _, err := db.Get(ctx, sync.KindPermit, idle.Number, &p); err != nil {
				t.Fatal(err)
			}
			if p.Form != domain.FormPhysicalLegacy || p.Status != domain.PermitRevoked {
				t.Fatalf("revoked permit %+v", p)
			}
			var bundle sync.Bundle
			if _, err := db.Get(ctx, sync.KindBundle, sync.BundleKey, &bundle); err != nil || bundle.Version != 2 {
				t.Fatalf("bundle after a credential revocation: %+v, %v", bundle, err)
			}
			if _, err := db.ImportFeed(ctx, keys, strings.NewReader(`{"type":"extension","permit":{"number":"NOPE"}}`), now); err == nil ||
				!strings.Contains(err.Error(), "line 1") {
				t.Fatalf("bad feed line: %v", err)
			}
			// A revocation before a bad line still reaches the terminals in a new bundle.
			st, err = db.ImportFeed(ctx, keys, strings.NewReader(`{"type":"revocation","permit":{"number":"310000W00000000002"},"credential_id":"CRED456"}
{"type":"extension","permit":{"number":"NOPE"}}
`), now)
			if err == nil || !strings.Contains(err.Error(), "line 2") || !st.BundleRepublished {
				t.Fatalf("revocation then a bad line: %+v, %v", st, err)
			}
			if _, err := db.Get(ctx, sync.KindBundle, sync.BundleKey, &bundle); err != nil || bundle.Version != 3 {
				t.Fatalf("bundle after a revocation followed by a bad line: %+v, %v", bundle, err)
			}

			// Reminders: permit 1 now ends 2028 (none); add one ending in 20 days: both
			// the 90- and the 30-day reminder, once however often the job runs.
			soon := permit(3, "310000W00000000003", domain.FormElectronic, "2026-12-17")
			err = db.Update(ctx, func(tx *central.Tx) error {
				if err := tx.PutPerson(ctx, person(3)); err != nil {
					return err
				}
				return tx.PutPermit(ctx, soon)
			})
			if err != nil {
				t.Fatal(err)
			}
			today := domain.MustDate("2026-11-27")
			for run, want := range []int{2, 0} {
				n, err := db.Remind(ctx, today, now)
				if err != nil || n != want {
					t.Fatalf("reminder run %d: %d created, %v; want %d", run, n, err, want)
				}
			}
			if n, err := db.Count(ctx, sync.KindNotification, "310000"); err != nil || n != 2 {
				t.Fatalf("notifications: %d, %v", n, err)
			}
		})
	}
}

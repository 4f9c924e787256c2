package sync_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	gosync "sync"
	"testing"
	"time"

	"onecard/central"
	"onecard/central/centraltest"
	"onecard/domain"
	"onecard/insurance"
	"onecard/store"
	"onecard/sync"
)

// insured writes a holder for the insurance tests into central: generated holder i in
// region, with no registration, SSN or card yet, and the permit changed by edit.
func (f *fixture) insured(t *testing.T, i int, nationality string, edit func(p *domain.WorkPermit)) (domain.Person, domain.WorkPermit) {
	t.Helper()
	h := f.gen.Holder(i)
	h.Person.Region, h.Permit.Region, h.Person.Nationality = region, region, nationality
	h.Permit.Status, h.Permit.Track = domain.PermitValid, domain.TrackOver90
	h.Permit.ValidFrom, h.Permit.ValidUntil = today.AddDays(-10), today.AddDays(700)
	if edit != nil {
		edit(&h.Permit)
	}
	h.Registration, h.Card, h.ESSC = nil, nil, nil
	if err := f.db.Update(context.Background(), func(tx *central.Tx) error { return h.WriteTo(context.Background(), tx) }); err != nil {
		t.Fatal(err)
	}
	return h.Person, h.Permit
}

// register records a registration the way the counter does: pending in the kiosk's
// store and queued for central in one transaction.
func (k *kiosk) register(t *testing.T, p domain.Person, permit domain.WorkPermit, exempt ...string) domain.InsuranceRegistration {
	t.Helper()
	ctx := context.Background()
	var r domain.InsuranceRegistration
	err := k.st.Update(ctx, func(w *store.Writer) error {
		ref, err := w.NextRef(ctx, "REG-"+k.cfg.TerminalID+"-")
		if err != nil {
			return err
		}
		r = domain.InsuranceRegistration{ID: ref, PersonID: p.ID, PermitNumber: permit.Number, Registrant: domain.RegistrantEmployer,
			EmployerUSCC: permit.EmployerUSCC, RegisteredOn: today, Exempt: exempt, Branch: k.cfg.Branch,
			Status: domain.RegistrationPending, UpdatedAt: time.Now()}
		if err := w.PutRegistration(ctx, r); err != nil {
			return err
		}
		b, err := json.Marshal(sync.EventRegistration{Registration: r, StaffID: "C1001"})
		if err != nil {
			return err
		}
		_, err = w.Enqueue(ctx, sync.EventKindRegistration, b, time.Now())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// rejection returns the reason code of the kiosk's rejected event seq, or "".
func (k *kiosk) rejections(t *testing.T) []insurance.Reason {
	t.Helper()
	rej, err := k.st.RejectedEvents(context.Background(), 100)
	if err != nil {
		t.Fatal(err)
	}
	var out []insurance.Reason
	for _, e := range rej {
		r, ok := insurance.ParseRejection(e.Reason)
		if !ok {
			t.Fatalf("rejection %q carries no reason code", e.Reason)
		}
		out = append(out, r)
	}
	return out
}

func (k *kiosk) record(t *testing.T, id int64) store.Record {
	t.Helper()
	rec, err := k.st.Record(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

func TestRegistrationThroughCentral(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b centraltest.Backend) {
		ctx := context.Background()
		f := newFixture(t, b)
		f.load(t, 0, 1, region)
		expiredP, expired := f.insured(t, 101, "USA", func(p *domain.WorkPermit) {
			p.ValidFrom, p.ValidUntil = today.AddDays(-400), today.AddDays(-1)
		})
		cancelledP, cancelled := f.insured(t, 102, "USA", func(p *domain.WorkPermit) { p.Status = domain.PermitCancelled })
		lateP, late := f.insured(t, 103, "USA", func(p *domain.WorkPermit) { p.ValidFrom = today.AddDays(-45) })
		exemptP, exempt := f.insured(t, 104, "DEU", nil)
		uncoveredP, uncovered := f.insured(t, 105, "USA", nil)
		k := f.enroll(t, "b1", region)
		c := k.client(t, sync.Options{})
		if err := c.Round(ctx); err != nil {
			t.Fatal(err)
		}
		regs := map[string]domain.InsuranceRegistration{
			"expired":   k.register(t, expiredP, expired),
			"cancelled": k.register(t, cancelledP, cancelled),
			"late":      k.register(t, lateP, late),
			"exempt":    k.register(t, exemptP, exempt, insurance.Pension),
			"uncovered": k.register(t, uncoveredP, uncovered, insurance.Pension),
		}
		if err := c.Round(ctx); err != nil {
			t.Fatal(err)
		}
		got := k.rejections(t)
		slices.Sort(got)
		want := []insurance.Reason{insurance.ReasonExemptionNotCovered, insurance.ReasonPermitCancelled, insurance.ReasonPermitExpired}
		if !slices.Equal(got, want) {
			t.Fatalf("rejections %v, want %v", got, want)
		}
		for name, p := range map[string]domain.Person{"late": lateP, "exempt": exemptP} {
			rec := k.record(t, p.ID)
			ssn, err := central.SSN(p)
			if err != nil {
				t.Fatal(err)
			}
			if rec.ESSC == nil || rec.ESSC.SSN != ssn || !strings.HasPrefix(ssn, region+"9") {
				t.Fatalf("%s: e-SSC %+v, want SSN %s", name, rec.ESSC, ssn)
			}
			if len(rec.Registrations) != 1 || rec.Registrations[0].ID != regs[name].ID || rec.Registrations[0].Status != domain.RegistrationAccepted {
				t.Fatalf("%s: registrations %+v", name, rec.Registrations)
			}
			r := rec.Registrations[0]
			if name == "late" && (!r.Late || len(r.Exempt) != 0) || name == "exempt" && (r.Late || !slices.Equal(r.Exempt, []string{insurance.Pension})) {
				t.Fatalf("%s: registration %+v", name, r)
			}
			if len(rec.Notifications) != 1 || !strings.Contains(rec.Notifications[0].TextZH, ssn) || !strings.Contains(rec.Notifications[0].TextEN, ssn) {
				t.Fatalf("%s: notices %+v", name, rec.Notifications)
			}
		}
		// A refused registration turns rejected at the counter, with central's reason.
		rec := k.record(t, expiredP.ID)
		if rec.ESSC != nil || len(rec.Registrations) != 1 || rec.Registrations[0].Status != domain.RegistrationRejected {
			t.Fatalf("expired permit: %+v %+v", rec.ESSC, rec.Registrations)
		}
		if r, ok := insurance.ParseRejection(rec.Registrations[0].Reason); !ok || r != insurance.ReasonPermitExpired {
			t.Fatalf("local rejection reason %q", rec.Registrations[0].Reason)
		}
	})
}

// TestDuplicateRegistrationFromTwoBranches registers the same permits at two branches
// that push at the same moment: each permit is accepted once, with one SSN, and the
// other branch hears why not.
func TestDuplicateRegistrationFromTwoBranches(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b centraltest.Backend) {
		ctx := context.Background()
		f := newFixture(t, b)
		f.load(t, 0, 1, region)
		const n = 6
		var persons []domain.Person
		var permits []domain.WorkPermit
		for i := range n {
			p, w := f.insured(t, 200+i, "USA", nil)
			persons, permits = append(persons, p), append(permits, w)
		}
		ks := []*kiosk{f.enroll(t, "b1", region), f.enroll(t, "b2", region)}
		var clients []*sync.Client
		for _, k := range ks {
			c := k.client(t, sync.Options{})
			if err := c.Round(ctx); err != nil {
				t.Fatal(err)
			}
			for i := range n {
				k.register(t, persons[i], permits[i])
			}
			clients = append(clients, c)
		}
		var wg gosync.WaitGroup
		errs := make([]error, len(clients))
		for i, c := range clients {
			wg.Add(1)
			go func() { defer wg.Done(); errs[i] = c.Round(ctx) }()
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			t.Fatal(err)
		}
		rejected := 0
		for _, k := range ks {
			for _, r := range k.rejections(t) {
				if r != insurance.ReasonAlreadyRegistered {
					t.Fatalf("rejection %s", r)
				}
				rejected++
			}
		}
		if rejected != n {
			t.Fatalf("%d registrations rejected, want %d (one per permit)", rejected, n)
		}
		// Each branch pulls what central made of both branches' registrations.
		for _, c := range clients {
			if err := c.Round(ctx); err != nil {
				t.Fatal(err)
			}
		}
		for _, p := range persons {
			want, err := central.SSN(p)
			if err != nil {
				t.Fatal(err)
			}
			accepted := map[string]bool{}
			for _, k := range ks {
				rec := k.record(t, p.ID)
				if rec.ESSC == nil || rec.ESSC.SSN != want {
					t.Fatalf("person %d at %s: e-SSC %+v, want SSN %s", p.ID, k.cfg.Branch, rec.ESSC, want)
				}
				for _, r := range rec.Registrations {
					if r.Status == domain.RegistrationAccepted {
						accepted[r.ID] = true
					}
				}
			}
			if len(accepted) != 1 {
				t.Fatalf("person %d: accepted registrations %v, want one", p.ID, accepted)
			}
		}
	})
}

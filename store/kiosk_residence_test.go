package store_test

import (
	"context"
	"errors"
	"testing"

	"onecard/domain"
	"onecard/store"
)

func nextRef(t *testing.T, st *store.Store, prefix string, then func(w *store.Writer, ref string) error) (string, error) {
	t.Helper()
	var ref string
	err := st.Update(context.Background(), func(w *store.Writer) error {
		var err error
		if ref, err = w.NextRef(context.Background(), prefix); err != nil {
			return err
		}
		return then(w, ref)
	})
	return ref, err
}

func TestNextRef(t *testing.T) {
	st := openStore(t)
	ctx := context.Background()
	put := func(w *store.Writer, ref string) error {
		return w.PutVerification(ctx, domain.ResidenceVerification{Ref: ref, PersonID: 42, PermitNumber: "310000W00000000016",
			Decision: domain.DecisionEligible, StaffID: "E2001", Branch: "b1", DecidedAt: stamp})
	}
	const day = "RV-T1-20261127-"
	for i, want := range []string{day + "1", day + "2"} {
		if ref, err := nextRef(t, st, day, put); err != nil || ref != want {
			t.Fatalf("reference %d: %q, %v; want %q", i+1, ref, err, want)
		}
	}
	if ref, err := nextRef(t, st, "RV-T1-20261128-", put); err != nil || ref != "RV-T1-20261128-1" {
		t.Fatalf("a new day: %q, %v", ref, err)
	}
	if ref, err := nextRef(t, st, "RV-T2-20261127-", put); err != nil || ref != "RV-T2-20261127-1" {
		t.Fatalf("another terminal: %q, %v", ref, err)
	}

	// A rolled-back decision does not use up its number.
	failed := errors.New("the decision's transaction failed")
	if _, err := nextRef(t, st, day, func(*store.Writer, string) error { return failed }); !errors.Is(err, failed) {
		t.Fatal(err)
	}
	if ref, err := nextRef(t, st, day, put); err != nil || ref != day+"3" {
		t.Fatalf("after a rollback: %q, %v", ref, err)
	}

	// The person leaves the region and their verifications are deleted: no number is reused.
	if err := st.Update(ctx, func(w *store.Writer) error { return w.DeletePerson(ctx, 42) }); err != nil {
		t.Fatal(err)
	}
	if ref, err := nextRef(t, st, day, put); err != nil || ref != day+"4" {
		t.Fatalf("after a deletion: %q, %v", ref, err)
	}

	// References stored before the counter existed (synced back from central) are skipped.
	if _, err := nextRef(t, st, "RV-T3-20261127-", func(w *store.Writer, _ string) error {
		return put(w, "RV-T3-20261127-9")
	}); err != nil {
		t.Fatal(err)
	}
	if ref, err := nextRef(t, st, "RV-T3-20261127-", put); err != nil || ref != "RV-T3-20261127-10" {
		t.Fatalf("above stored references: %q, %v", ref, err)
	}
}

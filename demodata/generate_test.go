package demodata

import (
	"reflect"
	"strings"
	"testing"

	"onecard/domain"
	"onecard/identity"
)

func TestDeterministicPerSeedAndDay(t *testing.T) {
	today := domain.MustDate("2026-11-27")
	a, b, c := New(1, today), New(1, today), New(2, today)
	same := 0
	for i := 0; i < 200; i++ {
		if !reflect.DeepEqual(a.Holder(i), b.Holder(i)) {
			t.Fatalf("holder %d differs between two generators with one seed", i)
		}
		if reflect.DeepEqual(a.Holder(i), c.Holder(i)) {
			same++
		}
	}
	if same > 0 {
		t.Fatalf("%d of 200 holders are identical under seeds 1 and 2", same)
	}
}

// TestPopulationLooksReal checks that every holder is valid and that the mix the demo
// and the tests rely on is present.
func TestPopulationLooksReal(t *testing.T) {
	today := domain.MustDate("2026-11-27")
	g := New(1, today)
	states := map[PermitState]int{}
	cats := map[domain.PermitCategory]int{}
	var diacritics, apostrophes, chinese, essc, ssn, reg, card, prid, late int
	regions := map[string]bool{}
	nats := map[string]bool{}
	const n = 5000
	for i := 0; i < n; i++ {
		h := g.Holder(i)
		if err := h.Person.Validate(); err != nil {
			t.Fatalf("holder %d person: %v", i, err)
		}
		if err := h.Permit.Validate(); err != nil {
			t.Fatalf("holder %d permit: %v", i, err)
		}
		states[h.State]++
		cats[h.Permit.Category]++
		regions[h.Person.Region] = true
		nats[h.Person.Nationality] = true
		name := h.Person.Surname + h.Person.GivenNames
		if identity.MRZName(name) != strings.ToUpper(strings.NewReplacer(" ", "<", "-", "<").Replace(name)) {
			diacritics++
		}
		if strings.Contains(name, "'") {
			apostrophes++
		}
		if h.Person.ChineseName != "" {
			chinese++
		}
		if h.Person.PRID != "" {
			prid++
		}
		if h.ESSC != nil {
			essc++
			if err := h.ESSC.Validate(); err != nil {
				t.Fatalf("holder %d e-SSC: %v", i, err)
			}
		}
		if h.Registration != nil {
			reg++
			ssn++
			if h.Registration.Late {
				late++
			}
			if err := h.Registration.Validate(); err != nil {
				t.Fatalf("holder %d registration: %v", i, err)
			}
		}
		if h.Card != nil {
			card++
		}
		checkState(t, i, h, today)
	}
	for _, s := range States() {
		if states[s] == 0 {
			t.Errorf("no holder in state %s", s)
		}
	}
	for _, c := range []domain.PermitCategory{domain.CategoryA, domain.CategoryB, domain.CategoryC} {
		if cats[c] < n/20 {
			t.Errorf("category %s: %d of %d", c, cats[c], n)
		}
	}
	for what, got := range map[string]int{"diacritics": diacritics, "apostrophes": apostrophes, "chinese names": chinese,
		"e-SSC": essc, "SSN": ssn, "registration": reg, "card": card, "PR ID": prid, "late registration": late} {
		if got == 0 || got == n {
			t.Errorf("%s: %d of %d holders; want some with and some without", what, got, n)
		}
	}
	if len(regions) < 5 || len(nats) < 20 {
		t.Errorf("%d regions, %d nationalities", len(regions), len(nats))
	}
}

func checkState(t *testing.T, i int, h Holder, today domain.Date) {
	t.Helper()
	p := h.Permit
	left := p.DaysLeft(today)
	ok := true
	switch h.State {
	case StateValid:
		ok = p.EffectiveStatus(today) == domain.PermitValid && left >= 90
	case StateNearExpiry:
		ok = p.EffectiveStatus(today) == domain.PermitValid && left < 90 && left >= 0
	case StateExpired:
		ok = p.EffectiveStatus(today) == domain.PermitExpired
	case StateCancelled:
		ok = p.Status == domain.PermitCancelled
	case StateRevoked:
		ok = p.Status == domain.PermitRevoked
	case StateLegacyPhysical:
		ok = p.Form == domain.FormPhysicalLegacy && p.ValidFrom.Before(domain.MustDate("2024-12-01")) &&
			p.EffectiveStatus(today) == domain.PermitValid
	}
	if !ok {
		t.Fatalf("holder %d labelled %s has permit %+v (%d days left)", i, h.State, p, left)
	}
}

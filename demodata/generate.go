// Package demodata generates a deterministic synthetic population that looks like the
// real one: many nationalities, names with diacritics and apostrophes, some Chinese
// names, an A/B/C mix, permits in every state, legacy physical permits, and people with
// and without e-SSC, SSN, insurance registration and physical card, in several regions.
// Person i is a pure function of (seed, i, today), so generation can be split or resumed.
package demodata

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"onecard/domain"
	"onecard/identity"
)

// PermitState labels what a demo person's permit is for: demo.json lists a few of each.
type PermitState string

const (
	StateValid          PermitState = "valid"
	StateNearExpiry     PermitState = "near_expiry"
	StateExpired        PermitState = "expired"
	StateCancelled      PermitState = "cancelled"
	StateRevoked        PermitState = "revoked"
	StateLegacyPhysical PermitState = "legacy_physical"
)

// States lists every permit state in demo.json order.
func States() []PermitState {
	return []PermitState{StateValid, StateNearExpiry, StateExpired, StateCancelled, StateRevoked, StateLegacyPhysical}
}

// Holder is one generated person with everything linked to them.
type Holder struct {
	State        PermitState
	Person       domain.Person
	Permit       domain.WorkPermit
	ESSC         *domain.ESSC
	Registration *domain.InsuranceRegistration
	Card         *domain.PhysicalCard
}

// Generator makes holders for one (seed, today).
type Generator struct {
	seed      uint64
	today     domain.Date
	stamp     time.Time
	nations   []nationalityNames
	natWeight int
	regions   []string
}

// ECSSCStart is when permits moved into the e-SSC (HRSS [2024] No. 75).
var esscStart = domain.NewDate(2024, time.December, 1)

// New returns a generator; today anchors every relative date (near expiry, expired).
func New(seed uint64, today domain.Date) *Generator {
	g := &Generator{seed: seed, today: today, stamp: today.Time(), nations: nationalities()}
	for _, n := range g.nations {
		g.natWeight += n.weight
	}
	for _, r := range regions() {
		g.regions = append(g.regions, r.Code)
	}
	return g
}

// Regions returns the region codes in use.
func (g *Generator) Regions() []string { return append([]string(nil), g.regions...) }

// Holder returns person number i (0-based); its person id is i+1.
func (g *Generator) Holder(i int) Holder {
	r := rand.New(rand.NewPCG(g.seed, uint64(i)))
	id := int64(i + 1)
	nat := g.pickNation(r)
	region := g.regions[pickWeighted(r, []int{30, 25, 12, 15, 10, 8})]
	h := Holder{State: pickState(r)}
	h.Person = g.person(r, id, nat, region)
	h.Permit = g.permit(r, id, region, h.State)
	g.linked(r, &h)
	return h
}

func (g *Generator) pickNation(r *rand.Rand) nationalityNames {
	n := r.IntN(g.natWeight)
	for _, nat := range g.nations {
		if n < nat.weight {
			return nat
		}
		n -= nat.weight
	}
	return g.nations[0]
}

func pickWeighted(r *rand.Rand, weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := r.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

func pickState(r *rand.Rand) PermitState {
	return States()[pickWeighted(r, []int{70, 8, 8, 6, 2, 6})]
}

func pick(r *rand.Rand, xs []string) string { return xs[r.IntN(len(xs))] }

func (g *Generator) person(r *rand.Rand, id int64, nat nationalityNames, region string) domain.Person {
	sex := domain.SexMale
	given := pick(r, nat.male)
	if r.IntN(2) == 0 {
		sex, given = domain.SexFemale, pick(r, nat.female)
	}
	p := domain.Person{
		ID:             id,
		Surname:        pick(r, nat.surnames),
		GivenNames:     given,
		Nationality:    nat.code,
		Sex:            sex,
		BirthDate:      domain.NewDate(1958+r.IntN(44), time.Month(1+r.IntN(12)), 1+r.IntN(28)),
		PassportNumber: passportNumber(r, id),
		PassportExpiry: g.today.AddDays(60 + r.IntN(3200)),
		Region:         region,
		UpdatedAt:      g.stamp,
	}
	if r.IntN(100) < nat.chinese {
		p.ChineseName = pick(r, chineseSurnames) + pick(r, chineseGivenChars)
		if r.IntN(3) > 0 {
			p.ChineseName += pick(r, chineseGivenChars)
		}
	}
	if r.IntN(100) < 3 {
		p.PRID = prID(id)
	}
	return p
}

// passportNumber: two letters and seven digits, unique per id.
func passportNumber(r *rand.Rand, id int64) string {
	letters := "ABCDEFGHJKLMNPRSTUVWXYZ"
	hi := id / 10_000_000
	return string(zeroPad([]byte{letters[int(hi)%len(letters)], letters[r.IntN(len(letters))]}, id%10_000_000, 7))
}

// prID builds a 2023-form Permanent Residence ID: 9, sixteen digits, MOD 11-2 check.
func prID(id int64) string {
	first := string(zeroPad([]byte{'9'}, 1560000000000000+id, 16))
	s, _ := identity.MakeSSN(first) // same check scheme; first is 17 digits by construction
	return s
}

// PermitNumber is person id's permit number: region, 'W', and the id in base 36.
func PermitNumber(region string, id int64) string {
	return region + "W" + fmt.Sprintf("%011s", strings.ToUpper(strconvBase36(id)))
}

// zeroPad appends n (not negative) in decimal, zero-padded to width digits: what
// fmt's %0<width>d makes of it, without fmt's cost (generation runs once per holder).
func zeroPad(b []byte, n int64, width int) []byte {
	var d [20]byte
	i := len(d)
	for {
		i--
		d[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	for k := len(d) - i; k < width; k++ {
		b = append(b, '0')
	}
	return append(b, d[i:]...)
}

func strconvBase36(id int64) string {
	const digits = "0123456789abcdefghijklmnopqrstuvwxyz"
	if id == 0 {
		return "0"
	}
	var b []byte
	for ; id > 0; id /= 36 {
		b = append([]byte{digits[id%36]}, b...)
	}
	return string(b)
}

// SSN builds person id's social security number in onecard's format.
func SSN(region string, id int64) string {
	s, _ := identity.MakeSSN(string(zeroPad(append([]byte(region), '9'), id, 10))) // 17 digits by construction
	return s
}

// employer returns one of a fixed pool of employers, so several holders share one.
func employer(r *rand.Rand, region string) (name, uscc string) {
	n := r.IntN(4000)
	name = employerWords[n%len(employerWords)] + " " + employerKinds[n/len(employerWords)%len(employerKinds)] + " Co., Ltd. No. " + strconv.Itoa(n)
	first17 := string(zeroPad(append([]byte("91"), region...), int64(n), 9))
	c, _ := identity.USCCCheck(first17) // digits only: always in the GB 32100 alphabet
	return name, first17 + string(c)
}

func (g *Generator) permit(r *rand.Rand, id int64, region string, state PermitState) domain.WorkPermit {
	cat := []domain.PermitCategory{domain.CategoryA, domain.CategoryB, domain.CategoryC}[pickWeighted(r, []int{15, 60, 25})]
	years := map[domain.PermitCategory]int{domain.CategoryA: 1 + r.IntN(5), domain.CategoryB: 1 + r.IntN(2), domain.CategoryC: 1}[cat]
	name, uscc := employer(r, region)
	p := domain.WorkPermit{
		Number: PermitNumber(region, id), PersonID: id, Category: cat, Track: domain.TrackOver90,
		EmployerName: name, EmployerUSCC: uscc, Position: pick(r, positions), Region: region,
		Status: domain.PermitValid, Form: domain.FormElectronic, UpdatedAt: g.stamp,
	}
	length := years * 365
	switch state {
	case StateValid:
		left := 91 + r.IntN(length-90)
		p.ValidUntil = g.today.AddDays(left)
	case StateNearExpiry:
		p.ValidUntil = g.today.AddDays(5 + r.IntN(80))
	case StateExpired:
		p.ValidUntil = g.today.AddDays(-1 - r.IntN(400))
		if r.IntN(2) == 0 {
			p.Status = domain.PermitExpired // some records still say valid: EffectiveStatus decides
		}
	case StateCancelled, StateRevoked:
		p.ValidUntil = g.today.AddDays(-200 + r.IntN(600))
		p.Status = map[PermitState]domain.PermitStatus{StateCancelled: domain.PermitCancelled, StateRevoked: domain.PermitRevoked}[state]
	case StateLegacyPhysical:
		p.Form = domain.FormPhysicalLegacy
		length = max(length, 2*365)
		p.ValidUntil = g.today.AddDays(91 + r.IntN(300))
	}
	p.ValidFrom = p.ValidUntil.AddDays(-length)
	if state == StateLegacyPhysical && !p.ValidFrom.Before(esscStart) {
		p.ValidFrom = esscStart.AddDays(-1 - r.IntN(200)) // issued before the move to e-SSC
	}
	if r.IntN(100) < 3 && state == StateValid {
		p.Track = domain.TrackUnder90
		p.ValidFrom = p.ValidUntil.AddDays(-80)
	}
	return p
}

// linked adds the e-SSC, insurance registration and card some holders have.
func (g *Generator) linked(r *rand.Rand, h *Holder) {
	id, p := h.Person.ID, h.Permit
	live := h.State == StateValid || h.State == StateNearExpiry || h.State == StateLegacyPhysical
	var ssn string
	if r.IntN(100) < 65 {
		ssn = SSN(p.Region, id)
		on := p.ValidFrom.AddDays(r.IntN(45))
		h.Registration = &domain.InsuranceRegistration{
			ID: string(zeroPad([]byte("REG-"+p.Region+"-"), id, 8)), PersonID: id, PermitNumber: p.Number,
			Registrant: domain.RegistrantEmployer, EmployerUSCC: p.EmployerUSCC, RegisteredOn: on,
			Late: p.ValidFrom.DaysUntil(on) > domain.RegistrationDeadlineDays, Branch: p.Region,
			Status: domain.RegistrationAccepted, UpdatedAt: g.stamp,
		}
		if r.IntN(10) == 0 {
			h.Registration.Registrant, h.Registration.EmployerUSCC = domain.RegistrantSelf, ""
		}
	}
	if live && p.Form == domain.FormElectronic && r.IntN(100) < 75 || ssn != "" && r.IntN(100) < 40 {
		e := &domain.ESSC{PersonID: id, PermitNumber: p.Number, SSN: ssn, RealName: domain.RealNameNone, UpdatedAt: g.stamp}
		if live && r.IntN(100) < 85 {
			e.RegisteredAt = p.ValidFrom.AddDays(r.IntN(20)).Time().Add(9 * time.Hour)
			if r.IntN(100) < 70 {
				e.RealName, e.AuthenticatedAt = domain.RealNameAuthenticated, e.RegisteredAt.Add(10*time.Minute)
			} else {
				e.RealName = domain.RealNamePending
			}
		}
		h.ESSC = e
	}
	if ssn != "" && r.IntN(100) < 45 {
		states := domain.CardStates()
		h.Card = &domain.PhysicalCard{
			PersonID: id, SSN: ssn, State: states[pickWeighted(r, []int{10, 70, 5, 5, 5, 5})],
			BankBranch:   pick(r, []string{"ICBC", "Bank of China", "China Construction Bank", "Bank of Communications"}) + " " + p.Region,
			PhotoReceipt: string(zeroPad([]byte("PR"+p.Region), id, 8)), AppliedOn: p.ValidFrom.AddDays(30 + r.IntN(30)),
			UpdatedAt: g.stamp,
		}
	}
}

package central

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"onecard/domain"
	"onecard/identity"
	"onecard/insurance"
	"onecard/sync"
)

// refuseFor rejects an insurance or card event with a stable reason code the kiosk turns
// back into words a clerk reads out (insurance.ParseRejection, insurance.Message).
func refuseFor(r insurance.Reason, format string, args ...any) error {
	return reject("%s", insurance.Rejection(r, fmt.Sprintf(format, args...)))
}

// serialize makes the event's checks and writes one step in central's single order of
// changes: the change counter's row lock (taken by the first change of a transaction
// and held until commit) is taken before the checks, so two branches registering the
// same permit, or applying for the same card, at the same moment are decided one after
// the other, the second seeing what the first committed. On SQLite the write
// transaction already excludes every other writer.
func (t *Tx) serialize(ctx context.Context) error {
	_, err := t.nextSeq(ctx) // the unused number leaves a gap, which pulls by cursor never notice
	return err
}

// insuranceSubject reads the person an insurance or card event is about, refusing a
// person central does not know or that belongs to another branch's region.
func (t *Tx) insuranceSubject(ctx context.Context, term Terminal, personID int64) (domain.Person, error) {
	p, err := t.Person(ctx, personID)
	if errors.Is(err, ErrNotFound) {
		return p, refuseFor(insurance.ReasonPermitNotFound, "person %d is not known to central", personID)
	}
	if err != nil {
		return p, err
	}
	if p.Region != term.Region {
		return p, refuseFor(insurance.ReasonOutOfRegion, "person %d belongs to region %s, not %s", personID, p.Region, term.Region)
	}
	return p, nil
}

// agreements is the list central published to the branches, else the built-in one.
func (t *Tx) agreements(ctx context.Context) (insurance.Agreements, error) {
	var doc json.RawMessage
	_, err := t.get(ctx, sync.KindSetting, insurance.SettingAgreements, &doc)
	if errors.Is(err, ErrNotFound) {
		return insurance.DefaultAgreements(), nil
	}
	if err != nil {
		return insurance.Agreements{}, err
	}
	return insurance.ParseAgreements(doc)
}

// registrations reads a person's insurance registrations.
func (t *Tx) registrations(ctx context.Context, personID int64) ([]domain.InsuranceRegistration, error) {
	rows, err := t.query(ctx, `SELECT doc FROM changes WHERE kind = ? AND person_id = ? AND op = 'upsert'`,
		sync.KindRegistration, personID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.InsuranceRegistration
	for rows.Next() {
		var doc string
		var r domain.InsuranceRegistration
		if err := rows.Scan(&doc); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(doc), &r); err != nil {
			return nil, fmt.Errorf("decode registration of person %d: %w", personID, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// SSN is the social security number central assigns to a person: the region of their
// first registration, the digit 9 that marks a foreigner's number, the person's
// ten-digit central id, and the GB 11643 MOD 11-2 check character. Central's person ids
// are unique, so two persons never get one number, whichever branches register them at
// the same moment, without a shared counter to contend on; the numbers the demo data
// carries follow the same rule.
func SSN(p domain.Person) (string, error) {
	if p.ID <= 0 || p.ID > 9_999_999_999 {
		return "", fmt.Errorf("ssn for person %d: id out of range", p.ID)
	}
	return identity.MakeSSN(fmt.Sprintf("%s9%010d", p.Region, p.ID))
}

// applyRegistration decides a registration again on central's own records; an accepted
// one gets the person's SSN (assigned now unless they have one), is recorded with it on
// the e-SSC and is announced to the holder.
func applyRegistration(ctx context.Context, t *Tx, term Terminal, payload []byte, now time.Time) error {
	var ev sync.EventRegistration
	if err := decodePayload(payload, &ev); err != nil {
		return refuseFor(insurance.ReasonMalformed, "%v", err)
	}
	r := ev.Registration
	if r.ID == "" || r.PersonID <= 0 || r.RegisteredOn.IsZero() || ev.StaffID == "" {
		return refuseFor(insurance.ReasonMalformed, "registration needs id, person_id, registered_on and staff_id")
	}
	person, err := t.insuranceSubject(ctx, term, r.PersonID)
	if err != nil {
		return err
	}
	if err := t.serialize(ctx); err != nil {
		return err
	}
	var permit *domain.WorkPermit
	switch p, err := t.Permit(ctx, r.PermitNumber); {
	case err == nil:
		permit = &p
	case !errors.Is(err, ErrNotFound):
		return err
	}
	all, err := t.registrations(ctx, r.PersonID)
	if err != nil {
		return err
	}
	var others []domain.InsuranceRegistration
	for _, g := range all {
		if g.ID != r.ID {
			others = append(others, g)
		}
	}
	agreements, err := t.agreements(ctx)
	if err != nil {
		return err
	}
	d := insurance.DecideRegistration(insurance.RegistrationRequest{Person: person, Permit: permit, Registrant: r.Registrant,
		EmployerUSCC: r.EmployerUSCC, Existing: others, RequestExempt: r.Exempt, Day: r.RegisteredOn}, agreements)
	if !d.Accepted {
		return refuseFor(d.Reason, "registration %s of permit %s", r.ID, r.PermitNumber)
	}
	e, err := t.ESSC(ctx, r.PersonID)
	switch {
	case errors.Is(err, ErrNotFound):
		e = domain.ESSC{PersonID: r.PersonID, PermitNumber: permit.Number, RealName: domain.RealNameNone}
	case err != nil:
		return err
	}
	if e.SSN == "" {
		if e.SSN, err = SSN(person); err != nil {
			return err
		}
	}
	e.UpdatedAt = now.UTC()
	r.Status, r.Reason, r.Late, r.Exempt, r.Branch, r.UpdatedAt = domain.RegistrationAccepted, "", d.Late, d.Exempt, term.Branch, now.UTC()
	if err := t.PutESSC(ctx, e); err != nil {
		return err
	}
	if err := t.PutRegistration(ctx, r); err != nil {
		return err
	}
	return t.PutNotification(ctx, registrationNotice(r, e.SSN, now))
}

// NoticeRegistration is the kind of the notice of an accepted registration.
const NoticeRegistration = "insurance_registration"

func registrationNotice(r domain.InsuranceRegistration, ssn string, now time.Time) domain.Notification {
	return domain.Notification{ID: "registration-" + r.ID, PersonID: r.PersonID, Kind: NoticeRegistration, CreatedAt: now.UTC(),
		TextZH: fmt.Sprintf("您的社会保险参保登记(%s)已办理，社会保障号码为 %s。", r.ID, ssn),
		TextEN: fmt.Sprintf("Your social insurance registration (%s) has been accepted; your social security number is %s.", r.ID, ssn)}
}

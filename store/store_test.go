package store_test

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"onecard/demodata"
	"onecard/domain"
	"onecard/identity"
	"onecard/store"
)

var stamp = time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC)

func openStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "kiosk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func samplePerson() domain.Person {
	return domain.Person{
		ID: 42, Surname: "Müller-Lüdenscheidt", GivenNames: "Hans Peter", ChineseName: "米勒",
		Nationality: "DEU", Sex: domain.SexMale, BirthDate: domain.MustDate("1980-02-29"),
		PassportNumber: "C01X00T47", PassportExpiry: domain.MustDate("2031-05-01"),
		PRID: "915600000000000421", Region: "310000", UpdatedAt: stamp,
	}
}

func fixPRID(t *testing.T, p *domain.Person) {
	t.Helper()
	s, err := identity.MakeSSN(p.PRID[:17])
	if err != nil {
		t.Fatal(err)
	}
	p.PRID = s
}

func sampleRecord(t *testing.T) store.Record {
	t.Helper()
	p := samplePerson()
	fixPRID(t, &p)
	uscc := "91310000000000012"
	c, _ := identity.USCCCheck(uscc)
	ssn := demodata.SSN("310000", 42)
	return store.Record{
		Person: p,
		Permits: []domain.WorkPermit{{
			Number: "310000W00000000016", PersonID: 42, Category: domain.CategoryB, Track: domain.TrackOver90,
			EmployerName: "Jade Design Co., Ltd.", EmployerUSCC: uscc + string(c), Position: "Architect",
			Region: "310000", ValidFrom: domain.MustDate("2025-03-01"), ValidUntil: domain.MustDate("2027-03-01"),
			Status: domain.PermitValid, Form: domain.FormElectronic, UpdatedAt: stamp,
		}},
		ESSC: &domain.ESSC{PersonID: 42, PermitNumber: "310000W00000000016", SSN: ssn, RegisteredAt: stamp.Add(-time.Hour),
			RealName: domain.RealNameAuthenticated, AuthenticatedAt: stamp, UpdatedAt: stamp},
		Registrations: []domain.InsuranceRegistration{{
			ID: "REG-1", PersonID: 42, PermitNumber: "310000W00000000016", Registrant: domain.RegistrantEmployer,
			EmployerUSCC: uscc + string(c), RegisteredOn: domain.MustDate("2025-03-20"), Exempt: []string{"pension"},
			Branch: "310000", Status: domain.RegistrationAccepted, UpdatedAt: stamp,
		}},
		Card: &domain.PhysicalCard{PersonID: 42, SSN: ssn, State: domain.CardOralLoss, BankBranch: "ICBC",
			PhotoReceipt: "PR1", AppliedOn: domain.MustDate("2025-04-01"), UpdatedAt: stamp},
		Verifications: []domain.ResidenceVerification{{
			Ref: "RV-1", PersonID: 42, PermitNumber: "310000W00000000016", Decision: domain.DecisionEligible,
			ValidUntil: domain.MustDate("2027-03-01"), Rules: []byte(`[{"id":"entry_window","result":"pass"}]`),
			StaffID: "E2001", Branch: "310000", DecidedAt: stamp,
		}},
		Notifications: []domain.Notification{{ID: "N-1", PersonID: 42, Kind: "expiry_90", TextZH: "您的工作许可将于90天后到期",
			TextEN: "Your work permit expires in 90 days", CreatedAt: stamp}},
	}
}

func putRecord(ctx context.Context, w *store.Writer, r store.Record) error {
	if err := w.PutPerson(ctx, r.Person); err != nil {
		return err
	}
	for _, p := range r.Permits {
		if err := w.PutPermit(ctx, p); err != nil {
			return err
		}
	}
	if err := w.PutESSC(ctx, *r.ESSC); err != nil {
		return err
	}
	for _, g := range r.Registrations {
		if err := w.PutRegistration(ctx, g); err != nil {
			return err
		}
	}
	if err := w.PutCard(ctx, *r.Card); err != nil {
		return err
	}
	for _, v := range r.Verifications {
		if err := w.PutVerification(ctx, v); err != nil {
			return err
		}
	}
	for _, n := range r.Notifications {
		if err := w.PutNotification(ctx, n); err != nil {
			return err
		}
	}
	return nil
}

func TestRecordRoundTrip(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	want := sampleRecord(t)
	if err := st.Update(ctx, func(w *store.Writer) error { return putRecord(ctx, w, want) }); err != nil {
		t.Fatal(err)
	}
	got, err := st.Record(ctx, 42)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("round trip differs:\n got %+v\nwant %+v", got, want)
	}
	// A second put replaces, it does not duplicate.
	want.Person.Surname = "Schäfer"
	want.Permits[0].Status = domain.PermitCancelled
	if err := st.Update(ctx, func(w *store.Writer) error { return putRecord(ctx, w, want) }); err != nil {
		t.Fatal(err)
	}
	got, _ = st.Record(ctx, 42)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("after replace:\n got %+v\nwant %+v", got, want)
	}
	if _, err := st.Record(ctx, 43); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("missing person: err = %v, want ErrNotFound", err)
	}
}

func TestStaffRoundTripAndLockout(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	s := domain.Staff{ID: "C1", Name: "王芳", Role: domain.RoleCounter, Branch: "b", PINHash: "$argon2id$x", Active: true, UpdatedAt: stamp}
	if err := st.Update(ctx, func(w *store.Writer) error { return w.PutStaff(ctx, s) }); err != nil {
		t.Fatal(err)
	}
	got, err := st.Staff(ctx, "C1")
	if err != nil || !reflect.DeepEqual(got, s) {
		t.Fatalf("staff = %+v, %v; want %+v", got, err, s)
	}
	var last domain.Staff
	for i := 0; i < 3; i++ {
		if err := st.Update(ctx, func(w *store.Writer) error {
			last, err = w.RecordLoginFailure(ctx, "C1", stamp, 3, 15*time.Minute)
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	if !last.LockedUntil.Equal(stamp.Add(15 * time.Minute)) {
		t.Fatalf("after 3 failures locked until %v, want %v", last.LockedUntil, stamp.Add(15*time.Minute))
	}
	// A staff update from central keeps the terminal's lock.
	if err := st.Update(ctx, func(w *store.Writer) error { return w.PutStaff(ctx, s) }); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.Staff(ctx, "C1"); got.LockedUntil.IsZero() {
		t.Fatal("central's staff update cleared the local lock")
	}
}

func TestBadIdentifiersNameTheField(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	good := sampleRecord(t)
	cases := []struct {
		field string
		put   func(w *store.Writer) error
	}{
		{"pr_id", func(w *store.Writer) error {
			p := good.Person
			p.PRID = "915600000000000420"
			return w.PutPerson(ctx, p)
		}},
		{"nationality", func(w *store.Writer) error { p := good.Person; p.Nationality = "De"; return w.PutPerson(ctx, p) }},
		{"passport_number", func(w *store.Writer) error {
			p := good.Person
			p.PassportNumber = "C01-X00"
			return w.PutPerson(ctx, p)
		}},
		{"permit_number", func(w *store.Writer) error {
			p := good.Permits[0]
			p.Number = "310000w00000000016"
			return w.PutPermit(ctx, p)
		}},
		{"uscc", func(w *store.Writer) error {
			p := good.Permits[0]
			p.EmployerUSCC = "913100000000000120"
			return w.PutPermit(ctx, p)
		}},
		{"valid_until", func(w *store.Writer) error {
			p := good.Permits[0]
			p.ValidUntil = p.ValidFrom.AddDate(5, 0, 1)
			return w.PutPermit(ctx, p)
		}},
		{"ssn", func(w *store.Writer) error { e := *good.ESSC; e.SSN = e.SSN[:17] + "0"; return w.PutESSC(ctx, e) }},
		{"card_state", func(w *store.Writer) error { c := *good.Card; c.State = "lost"; return w.PutCard(ctx, c) }},
	}
	for _, tc := range cases {
		t.Run(tc.field, func(t *testing.T) {
			err := st.Update(ctx, tc.put)
			var fe *identity.FieldError
			if !errors.As(err, &fe) || fe.Field != tc.field {
				t.Fatalf("err = %v, want a FieldError naming %s", err, tc.field)
			}
		})
	}
	if n, _ := st.CountPersons(ctx); n != 0 {
		t.Fatalf("a refused write left %d persons behind", n)
	}
}

func TestMigrationsIdempotentAndNewerRefused(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kiosk.db")
	for i := 0; i < 2; i++ {
		st, err := store.Open(ctx, path)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		st.Close()
	}
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	var v int
	db.QueryRow("PRAGMA user_version").Scan(&v)
	if v != store.SchemaVersion() {
		t.Fatalf("user_version = %d, want %d", v, store.SchemaVersion())
	}
	// The name index's in-memory budget for a bulk fill (0005_name_index_memory.sql).
	var hash int
	if err := db.QueryRow(`SELECT v FROM person_names_config WHERE k = 'hashsize'`).Scan(&hash); err != nil || hash != 8<<20 {
		t.Fatalf("name index hashsize %d (%v), want 8 MiB", hash, err)
	}
	newer := store.SchemaVersion() + 1
	if _, err := db.Exec("PRAGMA user_version = " + itoa(newer)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := store.Open(ctx, path); !errors.Is(err, store.ErrSchemaTooNew) {
		t.Fatalf("open newer schema: err = %v, want ErrSchemaTooNew", err)
	}
	db, _ = sql.Open("sqlite3", path)
	defer db.Close()
	db.QueryRow("PRAGMA user_version").Scan(&v)
	if v != newer {
		t.Fatalf("refusing a newer store changed its version to %d", v)
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func TestOutbox(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	var seqs []int64
	for _, kind := range []string{"realname", "verification", "scan"} {
		if err := st.Update(ctx, func(w *store.Writer) error {
			seq, err := w.Enqueue(ctx, kind, []byte(`{}`), stamp)
			seqs = append(seqs, seq)
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	if n, _ := st.CountPending(ctx); n != 3 {
		t.Fatalf("pending = %d, want 3", n)
	}
	if err := st.Update(ctx, func(w *store.Writer) error {
		if err := w.Acknowledge(ctx, seqs[0], domain.OutboxAccepted, "", stamp); err != nil {
			return err
		}
		return w.Acknowledge(ctx, seqs[1], domain.OutboxRejected, "permit cancelled", stamp)
	}); err != nil {
		t.Fatal(err)
	}
	pending, _ := st.PendingEvents(ctx, 10)
	rejected, _ := st.RejectedEvents(ctx, 10)
	if len(pending) != 1 || pending[0].Seq != seqs[2] {
		t.Fatalf("pending = %+v", pending)
	}
	if len(rejected) != 1 || rejected[0].Reason != "permit cancelled" {
		t.Fatalf("rejected = %+v", rejected)
	}
}

func TestAuditChain(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	for i, ev := range []string{"login", "lookup", "reveal", "logout"} {
		if _, err := st.Audit(ctx, domain.AuditEntry{At: stamp.Add(time.Duration(i) * time.Second), Terminal: "T1",
			StaffID: "C1001", Event: ev, Subject: "42", Outcome: domain.OutcomeOK}); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := st.VerifyAudit(ctx)
	if err != nil || !rep.OK || rep.Entries != 4 {
		t.Fatalf("intact chain: %+v, %v", rep, err)
	}
	entries, _ := st.AuditEntries(ctx, store.AuditFilter{Event: "reveal"})
	if len(entries) != 1 || entries[0].Seq != 3 {
		t.Fatalf("filter by event: %+v", entries)
	}
	// The log refuses edits through SQL while its triggers stand.
	db, _ := sql.Open("sqlite3", st.Path())
	defer db.Close()
	if _, err := db.Exec(`UPDATE audit_log SET outcome = 'denied' WHERE seq = 2`); err == nil {
		t.Fatal("audit_log accepted an UPDATE")
	}
	if _, err := db.Exec(`DROP TRIGGER audit_log_no_update`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE audit_log SET subject = '43' WHERE seq = 2`); err != nil {
		t.Fatal(err)
	}
	rep, _ = st.VerifyAudit(ctx)
	if rep.OK || rep.FirstBroken != 2 {
		t.Fatalf("edited entry 2: %+v", rep)
	}
}

func TestFindByEveryKey(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	rec := sampleRecord(t)
	if err := st.Update(ctx, func(w *store.Writer) error { return putRecord(ctx, w, rec) }); err != nil {
		t.Fatal(err)
	}
	g := demodata.New(7, domain.MustDate("2026-11-27"))
	if err := st.Update(ctx, func(w *store.Writer) error {
		for i := 100; i < 1100; i++ {
			if err := g.Holder(i).WriteTo(ctx, w); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		query string
		kind  identity.QueryKind
	}{
		{"310000W00000000016", identity.QueryPermit},
		{"310000 w000 0000 0016", identity.QueryPermit},
		{rec.ESSC.SSN, identity.QuerySSN},
		{rec.Person.PRID, identity.QueryPRID},
		{"C01X00T47", identity.QueryPassport},
		{"deu c01x00t47", identity.QueryPassport},
		{"Müller-Lüdenscheidt Hans", identity.QueryName},
		{"hans peter mueller", identity.QueryName},
		{"Hans Muller-Ludenscheidt", identity.QueryName},
		{"米勒", identity.QueryName},
		{"mül", identity.QueryName},
	} {
		t.Run(tc.query, func(t *testing.T) {
			got, q, err := st.Find(ctx, tc.query, 20)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range got {
				if m.Person.ID == 42 {
					if m.MatchBy != tc.kind {
						t.Fatalf("matched by %s, want %s (query kinds %v)", m.MatchBy, tc.kind, q.Kinds)
					}
					if m.Permit == nil || m.Permit.Number != "310000W00000000016" {
						t.Fatalf("current permit = %+v", m.Permit)
					}
					return
				}
			}
			t.Fatalf("person 42 not among %d results (kinds %v)", len(got), q.Kinds)
		})
	}
	// A passport number under another nationality finds nobody.
	if got, _, _ := st.Find(ctx, "FRA C01X00T47", 20); len(got) != 0 {
		t.Fatalf("FRA C01X00T47 found %d", len(got))
	}
	// FTS syntax in a name query is searched as text, never executed.
	if _, _, err := st.Find(ctx, `"müller" OR *`, 20); err != nil {
		t.Fatalf("FTS syntax in the query: %v", err)
	}
}

func TestDeletePersonRemovesEverything(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	rec := sampleRecord(t)
	if err := st.Update(ctx, func(w *store.Writer) error { return putRecord(ctx, w, rec) }); err != nil {
		t.Fatal(err)
	}
	if err := st.Update(ctx, func(w *store.Writer) error { return w.DeletePerson(ctx, 42) }); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"310000W00000000016", rec.ESSC.SSN, "Muller", "米勒"} {
		if got, _, _ := st.Find(ctx, q, 10); len(got) != 0 {
			t.Fatalf("%q still finds %d after delete", q, len(got))
		}
	}
}

func TestTrustBundleAndNonces(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	if _, err := st.TrustBundle(ctx); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("empty store: err = %v, want ErrNotFound", err)
	}
	install := func(v uint64, raw string) error {
		return st.Update(ctx, func(w *store.Writer) error {
			return w.InstallTrustBundle(ctx, store.InstalledBundle{Version: v, IssuedAt: stamp, InstalledAt: stamp, Raw: []byte(raw)})
		})
	}
	if err := install(2, "v2"); err != nil {
		t.Fatal(err)
	}
	for _, v := range []uint64{1, 2} {
		if err := install(v, "old"); !errors.Is(err, store.ErrBundleDowngrade) {
			t.Fatalf("install version %d over 2: err = %v, want ErrBundleDowngrade", v, err)
		}
	}
	if err := install(2, "v2"); err != nil {
		t.Fatalf("the installed bundle sent again: %v", err)
	}
	if b, _ := st.TrustBundle(ctx); b.Version != 2 || string(b.Raw) != "v2" {
		t.Fatalf("a refused bundle replaced the installed one: %+v", b)
	}
	if err := install(3, "v3"); err != nil {
		t.Fatal(err)
	}
	if b, _ := st.TrustBundle(ctx); b.Version != 3 || string(b.Raw) != "v3" || !b.IssuedAt.Equal(stamp) {
		t.Fatalf("bundle = %+v", b)
	}

	seen, err := st.SeenNonce(ctx, "cred-1", []byte{1, 2, 3}, stamp)
	if err != nil || seen {
		t.Fatalf("first sight: seen=%v err=%v", seen, err)
	}
	if seen, _ := st.SeenNonce(ctx, "cred-1", []byte{1, 2, 3}, stamp); !seen {
		t.Fatal("replayed nonce not flagged")
	}
	if seen, _ := st.SeenNonce(ctx, "cred-2", []byte{1, 2, 3}, stamp); seen {
		t.Fatal("same nonce under another credential flagged")
	}
	if n, err := st.PruneNonces(ctx, stamp.Add(time.Second)); err != nil || n != 2 {
		t.Fatalf("prune: n=%d err=%v", n, err)
	}
}

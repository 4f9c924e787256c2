package cli

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"onecard/central"
	"onecard/config"
	"onecard/credential"
	"onecard/demodata"
	"onecard/domain"
	"onecard/store"
	"onecard/trust"
)

// verifyFixture is a seeded data directory (central with its issuer, and a kiosk
// synced from it, trust bundle installed) and central's issuer, to mint codes.
type verifyFixture struct {
	dir    string
	demo   demodata.Demo
	region string
	issuer *credential.Issuer
	now    time.Time
}

func newVerifyFixture(t testing.TB) verifyFixture {
	t.Helper()
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "data")
	// Seeding dates central's keys and the kiosk's last sync by the real clock, so the
	// verifications run at the real time too.
	now := time.Now().Truncate(time.Second)
	today := domain.DateOf(now.In(config.Default().Location()))
	demo, err := seedDir(ctx, seedOptions{dir: dir, persons: 300, seed: 3, today: today}, func(int) {})
	if err != nil {
		t.Fatal(err)
	}
	db, err := central.OpenSQLite(ctx, config.CentralDB(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	issuer, err := db.Issuer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return verifyFixture{dir: dir, demo: demo, region: cfg.Region, issuer: issuer, now: now.Add(time.Minute)}
}

// permitClaims loads a permit and its holder from the terminal's store for the issuer.
func (f verifyFixture) permitClaims(t testing.TB, number string) credential.Permit {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, config.KioskDB(f.dir))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	w, err := st.Permit(ctx, number)
	if err != nil {
		t.Fatal(err)
	}
	p, err := st.Person(ctx, w.PersonID)
	if err != nil {
		t.Fatal(err)
	}
	return credential.PermitOf(p, w)
}

// cancelledButRunning finds a permit cancelled before its end date, which the issuer
// still signs (a code minted before the cancellation reached it).
func (f verifyFixture) cancelledButRunning(t *testing.T) string {
	t.Helper()
	g := demodata.New(f.demo.Seed, f.demo.Today)
	for i := 0; i < f.demo.Persons; i++ {
		h := g.Holder(i)
		if h.State == demodata.StateCancelled && h.Permit.ValidUntil.After(f.demo.Today) && h.Person.Region == f.region {
			return h.Permit.Number
		}
	}
	t.Fatal("no cancelled permit still within its dates in the fixture")
	return ""
}

func (f verifyFixture) verify(t *testing.T, stdin string, args ...string) (int, credential.Result, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	full := append([]string{"verify", "--data", f.dir, "--at", f.now.Format(time.RFC3339)}, args...)
	code := Run(context.Background(), full, Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut})
	var res credential.Result
	if out.Len() > 0 {
		if err := json.Unmarshal(out.Bytes(), &res); err != nil {
			t.Fatalf("verify printed %q: %v", out.String(), err)
		}
		if strings.Count(strings.TrimSpace(out.String()), "\n") != 0 {
			t.Fatalf("verify printed more than one line: %q", out.String())
		}
	}
	return code, res, errOut.String()
}

func TestVerifyCommand(t *testing.T) {
	f := newVerifyFixture(t)
	valid := f.demo.Permits[demodata.StateValid][0]
	notice, err := f.issuer.IssueNotice(f.permitClaims(t, valid), f.now.Add(-time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	holder, err := f.issuer.NewHolder(f.permitClaims(t, valid), f.now.Add(-24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	essc, err := holder.Code(f.now.Add(-5 * time.Second))
	if err != nil {
		t.Fatal(err)
	}
	cancelled := f.cancelledButRunning(t)
	cancelledNotice, err := f.issuer.IssueNotice(f.permitClaims(t, cancelled), f.now.Add(-time.Minute))
	if err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		name    string
		stdin   string
		args    []string
		code    int
		verdict credential.Verdict
		reason  credential.Reason
	}{
		{"valid notice", "", []string{notice}, 0, credential.Valid, credential.ReasonOK},
		{"valid notice on stdin", notice + "\n", []string{"-"}, 0, credential.Valid, credential.ReasonOK},
		{"valid e-SSC", "", []string{essc}, 0, credential.Valid, credential.ReasonOK},
		{"replayed e-SSC (nonce kept across runs)", "", []string{essc}, 1, credential.Invalid, credential.ReasonReplayed},
		{"permit cancelled", "", []string{cancelledNotice}, 1, credential.Invalid, credential.ReasonPermitCancelled},
		{"garbage", "", []string{"WPN1:NOT-BASE45-$$$"}, 1, credential.Invalid, credential.ReasonMalformed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, res, stderr := f.verify(t, tc.stdin, tc.args...)
			if code != tc.code || res.Verdict != tc.verdict || res.Reason != tc.reason {
				t.Fatalf("exit %d %s/%s (%s, stderr %q); want exit %d %s/%s", code, res.Verdict, res.Reason, res.Detail, stderr, tc.code, tc.verdict, tc.reason)
			}
			if res.MessageZH == "" || res.MessageEN == "" {
				t.Fatalf("verdict without bilingual message: %+v", res)
			}
		})
	}
	if code, res, _ := f.verify(t, "", notice); res.Permit != valid || code != 0 {
		t.Fatalf("permit field = %q, want %q", res.Permit, valid)
	}

	// A permit cancelled after its code was issued: the code still verifies, the
	// local record makes it INVALID.
	ctx := context.Background()
	st, err := store.Open(ctx, config.KioskDB(f.dir))
	if err != nil {
		t.Fatal(err)
	}
	w, _ := st.Permit(ctx, valid)
	w.Status = domain.PermitCancelled
	if err := st.Update(ctx, func(wr *store.Writer) error { return wr.PutPermit(ctx, w) }); err != nil {
		t.Fatal(err)
	}
	entries, _ := st.AuditEntries(ctx, store.AuditFilter{Event: "verify", Limit: 100})
	st.Close()
	if len(entries) != 7 {
		t.Fatalf("%d verifications audited, want 7", len(entries))
	}
	if code, res, _ := f.verify(t, "", notice); code != 1 || res.Reason != credential.ReasonPermitCancelled {
		t.Fatalf("after cancellation: exit %d %s", code, res.Reason)
	}
}

func TestVerifyCannotVerifyWithoutBundle(t *testing.T) {
	f := newVerifyFixture(t)
	notice, err := f.issuer.IssueNotice(f.permitClaims(t, f.demo.Permits[demodata.StateValid][0]), f.now.Add(-time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	// A terminal whose trust bundle is gone (a fresh enrollment before its first sync).
	db, err := sql.Open("sqlite3", config.KioskDB(f.dir))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`DELETE FROM trust_bundle`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	code, res, _ := f.verify(t, "", notice)
	if code != 2 || res.Verdict != credential.CannotVerify || res.Reason != credential.ReasonNoTrustBundle {
		t.Fatalf("no bundle: exit %d %s/%s", code, res.Verdict, res.Reason)
	}
}

func TestVerifyUsage(t *testing.T) {
	for _, args := range [][]string{{"verify"}, {"verify", "--data", os.TempDir()}, {"verify", "--data", "x", "--at", "yesterday", "P"}} {
		var out, errOut bytes.Buffer
		if code := Run(context.Background(), args, Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut}); code != 64 {
			t.Errorf("%v: exit %d (%s), want 64", args, code, errOut.String())
		}
	}
}

// BenchmarkVerifyOnStore verifies one scanned payload per op through the real kiosk
// store (permit lookup, and for ESC1 the nonce INSERT), reporting p50 and p99
// (DESIGN.md section 8: p99 <= 0.5 ms).
func BenchmarkVerifyOnStore(b *testing.B) {
	f := newVerifyFixture(b)
	ctx := context.Background()
	st, err := store.Open(ctx, config.KioskDB(f.dir))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	cfg, _ := config.Load(f.dir)
	v, err := trust.NewVerifier(ctx, st, cfg, func() time.Time { return f.now })
	if err != nil {
		b.Fatal(err)
	}
	permit := f.permitClaims(b, f.demo.Permits[demodata.StateValid][0])
	notice, _ := f.issuer.IssueNotice(permit, f.now.Add(-time.Minute))
	holder, _ := f.issuer.NewHolder(permit, f.now.Add(-time.Hour))
	for _, kind := range []string{"WPN1", "ESC1"} {
		b.Run(kind, func(b *testing.B) {
			codes := make([]string, b.N)
			for i := range codes {
				codes[i] = notice
				if kind == "ESC1" {
					codes[i], _ = holder.Code(f.now.Add(-time.Second)) // a fresh nonce each: no replays
				}
			}
			durations := make([]time.Duration, b.N)
			b.ResetTimer()
			for i := range codes {
				start := time.Now()
				r := v.Verify(ctx, codes[i])
				durations[i] = time.Since(start)
				if r.Verdict != credential.Valid {
					b.Fatalf("%s: %s/%s (%s)", kind, r.Verdict, r.Reason, r.Detail)
				}
			}
			b.StopTimer()
			slices.Sort(durations)
			b.ReportMetric(float64(durations[len(durations)/2].Microseconds()), "p50-µs")
			b.ReportMetric(float64(durations[len(durations)*99/100].Microseconds()), "p99-µs")
		})
	}
}

package slip

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"onecard/domain"
	"onecard/identity"
	"onecard/residence"
)

func sample(t *testing.T, docs []string) Slip {
	t.Helper()
	p := residence.DefaultPolicy()
	in := residence.Input{
		PermitStatus: domain.PermitValid, PermitValidUntil: domain.MustDate("2028-03-31"),
		HolderMatch: identity.Authenticated, PassportExpiry: domain.MustDate("2030-01-01"),
		EntryDate: domain.MustDate("2026-11-10"), VisaType: "Z", FirstApplication: true, Documents: docs,
		DecisionDate: domain.MustDate("2026-11-27"),
	}
	return Slip{Ref: "RV-DEMO0001-20261127-0001", Branch: "demo", Terminal: "DEMO-0001", StaffID: "E2001",
		DecidedAt:  time.Date(2026, 11, 27, 10, 30, 0, 0, time.FixedZone("CST", 8*3600)),
		HolderName: "MUELLER<<HANS<PETER", Nationality: "DEU", PassportNumber: "C0•••••47",
		PermitNumber: "310000W0000000002A", Decision: residence.Decide(p, in), Policy: p}
}

func allDocs() []string {
	var ids []string
	for _, d := range residence.DefaultPolicy().Required(true) {
		ids = append(ids, d.ID)
	}
	return ids
}

func TestTextSlip(t *testing.T) {
	s := sample(t, allDocs())
	if s.Decision.Outcome != domain.DecisionEligible {
		t.Fatalf("fixture decision %s: %+v", s.Decision.Outcome, s.Decision.Rules)
	}
	text := Text(s)
	for _, want := range []string{s.Ref, "符合条件", "Eligible", "2028-03-31", "MUELLER<<HANS<PETER", "C0•••••47"} {
		if !strings.Contains(text, want) {
			t.Errorf("slip lacks %q:\n%s", want, text)
		}
	}
	for _, r := range s.Decision.Rules {
		if !strings.Contains(text, r.Explain.ZH) || !strings.Contains(text, r.Explain.EN) {
			t.Errorf("slip lacks rule %s", r.ID)
		}
	}

	missing := sample(t, allDocs()[1:])
	text = Text(missing)
	if missing.Decision.Outcome != domain.DecisionNotEligible || !strings.Contains(text, "缺少材料") ||
		!strings.Contains(text, residence.DefaultPolicy().Required(true)[0].Label.EN) {
		t.Errorf("missing document not on the slip:\n%s", text)
	}
}

func TestPDFSlip(t *testing.T) {
	if _, err := os.Stat(DefaultFont); err != nil {
		t.Skipf("CJK font %s not installed (scripts/test.sh installs fonts-droid-fallback)", DefaultFont)
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed (scripts/test.sh installs poppler-utils)")
	}
	s := sample(t, allDocs())
	pdf, err := PDF(s, DefaultFont)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "slip.pdf")
	if err := Write(path, pdf); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	// The PDF wraps long lines; compare with runs of white space folded.
	flat := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{s.Ref, "符合条件", "Eligible for a residence permit for work", "2028-03-31"} {
		if !strings.Contains(flat, want) {
			t.Errorf("PDF text lacks %q:\n%s", want, out)
		}
	}
	if _, err := PDF(s, filepath.Join(t.TempDir(), "nofont.ttf")); err == nil {
		t.Error("PDF without a font succeeded")
	}
}

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "slip.txt")
	if err := Write(path, []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := Write(path, []byte("two")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "two" {
		t.Fatalf("file holds %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("temporary files left: %v", entries)
	}
	if err := Write("/dev/null", []byte("to the printer")); err != nil {
		t.Fatalf("character device: %v", err)
	}
	if err := Write(filepath.Join(dir, "no", "such", "dir", "slip.txt"), []byte("x")); err == nil {
		t.Fatal("write into a missing directory succeeded")
	}
}

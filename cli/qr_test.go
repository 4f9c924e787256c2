package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"onecard/credential"
	"onecard/demodata"
)

func runCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Run(context.Background(), args, Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut})
	return code, out.String(), errOut.String()
}

// TestQRMintsCodesThatVerify mints codes from the seeded central's issuer, the way a
// holder's phone would show them, and verifies them at the seeded terminal: printed,
// piped, and through a PNG read back by the real decoder.
func TestQRMintsCodesThatVerify(t *testing.T) {
	f := newVerifyFixture(t)
	permit := f.demo.Permits[demodata.StateValid][0]
	for _, kind := range []string{"notice", "essc"} {
		t.Run(kind, func(t *testing.T) {
			code, payload, stderr := runCmd(t, "", "qr", kind, "--data", f.dir, "--permit", permit)
			if code != 0 || strings.Count(payload, "\n") != 1 {
				t.Fatalf("qr %s: exit %d, stdout %q, stderr %q", kind, code, payload, stderr)
			}
			if !strings.Contains(stderr, "▀") && !strings.Contains(stderr, "█") {
				t.Fatalf("no code drawn on stderr: %q", stderr)
			}
			prefix := map[string]string{"notice": "WPN1:", "essc": "ESC1:"}[kind]
			if !strings.HasPrefix(payload, prefix) {
				t.Fatalf("payload %q lacks %s", payload, prefix)
			}
			if code, out, _ := runCmd(t, payload, "verify", "--data", f.dir, "-"); code != 0 || !strings.Contains(out, `"verdict":"VALID"`) {
				t.Fatalf("verify of the piped payload: exit %d %s", code, out)
			}

			png := filepath.Join(t.TempDir(), kind+".png")
			if code, _, stderr := runCmd(t, "", "qr", kind, "--data", f.dir, "--permit", permit, "--png", png); code != 0 {
				t.Fatalf("qr --png: exit %d: %s", code, stderr)
			}
			code, scanned, stderr := runCmd(t, "", "scan", "--image", png)
			if code != 0 || !strings.HasPrefix(scanned, prefix) {
				t.Fatalf("scan of the PNG: exit %d %q %q", code, scanned, stderr)
			}
			if code, out, _ := runCmd(t, "", "verify", "--data", f.dir, strings.TrimSpace(scanned)); code != 0 {
				t.Fatalf("verify of the scanned PNG: exit %d %s", code, out)
			}
		})
	}
}

func TestQRRefuses(t *testing.T) {
	f := newVerifyFixture(t)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"qr", "letter", "--data", f.dir, "--permit", "X"}, 64, "notice|essc"},
		{[]string{"qr", "notice", "--data", f.dir}, 64, "--permit"},
		{[]string{"qr", "notice", "--data", f.dir, "--permit", "310000W99999999999"}, 1, "not known to central"},
		{[]string{"qr", "notice", "--data", t.TempDir(), "--permit", "310000W99999999999"}, 1, "no central store"},
	} {
		code, out, stderr := runCmd(t, "", tc.args...)
		if code != tc.code || out != "" || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit %d mentioning %q", tc.args, code, out, stderr, tc.code, tc.want)
		}
	}
	// A code for an expired permit is refused by the issuer, not minted.
	expired := f.demo.Permits[demodata.StateExpired][0]
	if code, _, stderr := runCmd(t, "", "qr", "notice", "--data", f.dir, "--permit", expired); code != 1 || !strings.Contains(stderr, credential.ErrPermit.Error()) {
		t.Errorf("expired permit: exit %d, %q", code, stderr)
	}
}

package cli

import (
	"context"
	"strings"
	"testing"

	"onecard/central"
	"onecard/config"
	"onecard/pin"
	"onecard/store"
	"onecard/sync"
)

// syncOnce runs one sync round of the seeded terminal in dir against its central,
// served again on a new loopback port.
func syncOnce(t *testing.T, dir string) *store.Store {
	t.Helper()
	ctx := context.Background()
	url, stop, err := central.StartDemo(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	st, err := store.Open(ctx, config.KioskDB(dir))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	c, err := sync.Open(dir, st, sync.Options{URL: url})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Round(ctx); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestCentralStaff(t *testing.T) {
	f := newVerifyFixture(t)
	add := []string{"central", "staff", "--data", f.dir, "--id", "C2002", "--name", "赵敏 Zhao Min", "--role", "counter", "--branch", "demo"}
	for _, tc := range []struct {
		name, stdin, want string
		args              []string
	}{
		{"weak PIN", "123456\n123456\n", "PIN refused", add},
		{"PINs differ", "246813\n246831\n", "differ", add},
		{"one PIN only", "246813\n", "twice", add},
		{"unknown role", "246813\n246813\n", "role", []string{"central", "staff", "--data", f.dir, "--id", "C2002", "--name", "Zhao", "--role", "clerk", "--branch", "demo"}},
	} {
		if code, _, stderr := runCmd(t, tc.stdin, tc.args...); code == 0 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%s: exit %d, %q", tc.name, code, stderr)
		}
	}
	if code, out, stderr := runCmd(t, "246813\n246813\n", add...); code != 0 || !strings.Contains(out, "C2002") {
		t.Fatalf("add: exit %d %q %q", code, out, stderr)
	}
	st := syncOnce(t, f.dir)
	s, err := st.Staff(context.Background(), "C2002")
	if err != nil || !s.Active || s.Role != "counter" {
		t.Fatalf("synced account: %+v, %v", s, err)
	}
	if ok, err := pin.Verify(s.PINHash, "246813"); !ok || err != nil {
		t.Fatalf("the PIN does not verify at the terminal: %v", err)
	}
	st.Close()

	if code, _, stderr := runCmd(t, "", "central", "staff", "--data", f.dir, "--id", "C2002", "--branch", "demo", "--disable"); code != 0 {
		t.Fatalf("disable: exit %d %q", code, stderr)
	}
	st = syncOnce(t, f.dir)
	if s, err := st.Staff(context.Background(), "C2002"); err != nil || s.Active {
		t.Fatalf("after disabling: %+v, %v", s, err)
	}
}

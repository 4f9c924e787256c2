package sync_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"testing"
	"time"

	"onecard/central/centraltest"
	"onecard/config"
	"onecard/store"
	"onecard/sync"
)

// childPullDir, set in a child's environment, makes this test binary a kiosk that pulls
// into the terminal in that directory (slowPull) instead of running tests.
const childPullDir = "ONECARD_TEST_PULL_DIR"

func TestMain(m *testing.M) {
	if dir := os.Getenv(childPullDir); dir != "" {
		if err := slowPull(dir); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// slowPull pulls in small pages that arrive slowly, so that a test can kill it halfway.
func slowPull(dir string) error {
	ctx := context.Background()
	st, err := store.Open(ctx, config.KioskDB(dir))
	if err != nil {
		return err
	}
	defer st.Close()
	tc, err := sync.LoadTLS(dir)
	if err != nil {
		return err
	}
	slow := &slowTransport{rt: &http.Transport{TLSClientConfig: tc}, delay: 20 * time.Millisecond}
	c, err := sync.Open(dir, st, sync.Options{PageSize: 50, Transport: slow, Alone: true})
	if err != nil {
		return err
	}
	defer c.Close()
	_, err = c.Pull(ctx)
	return err
}

type slowTransport struct {
	rt    http.RoundTripper
	delay time.Duration
}

func (s *slowTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	time.Sleep(s.delay)
	return s.rt.RoundTrip(r)
}

// A first sync writing an empty store alone, unsynced (store.Store.LoadAlone), and
// killed outright halfway loses nothing: the next start keeps what it committed and the
// next sync brings the rest, each record once.
func TestFirstSyncKilledWhileLoadingAlone(t *testing.T) {
	const persons = 600
	f := newFixture(t, centraltest.Backend{Name: "sqlite", Open: centraltest.SQLite})
	f.load(t, 0, persons, region)
	k := f.enroll(t, "b1", region)
	k.st.Close() // the child opens the store itself
	path := config.KioskDB(k.dir)
	empty := fileSize(t, path)

	child := exec.Command(os.Args[0], "-test.run=^$")
	child.Env = append(os.Environ(), childPullDir+"="+k.dir)
	child.Stderr = os.Stderr
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- child.Wait() }()
	// Kill it once pages have gone into the file it holds alone.
	for !(fileExists(t, path+"-loading") && fileSize(t, path) > empty+64<<10) {
		select {
		case err := <-exited:
			t.Fatalf("the pull ended (%v) before it could be killed halfway", err)
		case <-time.After(2 * time.Millisecond):
		}
	}
	if err := child.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-exited

	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	k.st = st
	if fileExists(t, path+"-loading") {
		t.Fatal("the marker of the killed load outlived the next Open")
	}
	partial := k.persons(t)
	if partial == 0 || partial >= persons {
		t.Fatalf("%d persons after the kill, want some of %d", partial, persons)
	}
	if err := k.client(t, sync.Options{PageSize: 50}).Round(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := k.persons(t); got != persons {
		t.Fatalf("persons: %d after the kill, %d after resuming, want %d", partial, got, persons)
	}
	for i := range persons {
		h := f.gen.Holder(i)
		if _, err := k.st.Permit(context.Background(), h.Permit.Number); err != nil {
			t.Fatalf("permit %s lost: %v", h.Permit.Number, err)
		}
	}
}

func fileExists(t *testing.T, path string) bool {
	t.Helper()
	_, err := os.Stat(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	return err == nil
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// The kiosk's background sync shares the store with the screens: its first sync never
// takes the store alone, so a lookup during it is answered at once.
func TestSharedFirstSyncLeavesTheStoreReadable(t *testing.T) {
	const persons = 300
	f := newFixture(t, centraltest.Backend{Name: "sqlite", Open: centraltest.SQLite})
	f.load(t, 0, persons, region)
	k := f.enroll(t, "b1", region)
	tc, err := sync.LoadTLS(k.dir)
	if err != nil {
		t.Fatal(err)
	}
	slow := &slowTransport{rt: &http.Transport{TLSClientConfig: tc}, delay: 5 * time.Millisecond}
	c := k.client(t, sync.Options{PageSize: 50, Transport: slow})
	pulled := make(chan error, 1)
	go func() { _, err := c.Pull(context.Background()); pulled <- err }()
	for read := 0; ; read++ {
		// A connection of its own for each read, as a screen of another process
		// would: one kept open would itself stop the store being taken.
		screen, err := sql.Open("sqlite3", "file:"+config.KioskDB(k.dir)+"?mode=ro&_busy_timeout=0")
		if err != nil {
			t.Fatal(err)
		}
		var n int
		err = screen.QueryRow(`SELECT count(*) FROM persons`).Scan(&n)
		screen.Close()
		if err != nil {
			t.Fatalf("a read during the shared first sync: %v", err)
		}
		select {
		case err := <-pulled:
			if err != nil || read == 0 {
				t.Fatalf("pull: %v after %d reads", err, read)
			}
			return
		case <-time.After(time.Millisecond):
		}
	}
}

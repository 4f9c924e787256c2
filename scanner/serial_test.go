package scanner

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/creack/pty"
)

// nextEvent waits for an event of kind k, skipping others; it fails after a generous
// deadline rather than hang the test run (a liveness guard, not a timing assertion).
func nextEvent(t *testing.T, events <-chan Event, k Kind) Event {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case ev := <-events:
			if ev.Kind == k {
				return ev
			}
		case <-deadline:
			t.Fatalf("no %s event", k)
		}
	}
}

func TestSerialOverPTY(t *testing.T) {
	master, slave, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer master.Close()
	path := slave.Name()
	slave.Close() // the source opens the slave by its path

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	src := NewSerial(SerialConfig{Device: path, Baud: 115200, Terminator: TermCR, Backoff: Backoff{Min: 10 * time.Millisecond, Max: 50 * time.Millisecond}})
	events := make(chan Event, 16)
	done := make(chan error, 1)
	go func() { done <- src.Run(ctx, events) }()
	nextEvent(t, events, KindStatus)

	// a code split across writes, Chinese UTF-8, then invalid bytes.
	writes := []string{"WPN1:ABC", "123\r", "姓名：张三\r", "\xff\xfebad\r"}
	for _, w := range writes {
		if _, err := master.Write([]byte(w)); err != nil {
			t.Fatal(err)
		}
	}
	if ev := nextEvent(t, events, KindCode); ev.Payload != "WPN1:ABC123" {
		t.Fatalf("first code %q", ev.Payload)
	}
	if ev := nextEvent(t, events, KindCode); ev.Payload != "姓名：张三" {
		t.Fatalf("chinese code %q", ev.Payload)
	}
	ev := nextEvent(t, events, KindError)
	if !errors.Is(ev.Err, ErrInvalidUTF8) || ev.Payload != "\xff\xfebad" {
		t.Fatalf("invalid UTF-8 event: %q, %v", ev.Payload, ev.Err)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("Run returned %v", err)
	}
}

func TestSerialDeviceGoneThenBack(t *testing.T) {
	master, slave, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	// the device path is a symlink, as udev gives scanners stable names; it is removed
	// when the "device" goes away and pointed at a new pty when it returns.
	link := t.TempDir() + "/ttyScanner"
	if err := os.Symlink(slave.Name(), link); err != nil {
		t.Fatal(err)
	}
	slave.Close()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	src := NewSerial(SerialConfig{Device: link, Terminator: TermLF, Backoff: Backoff{Min: 10 * time.Millisecond, Max: 50 * time.Millisecond}})
	events := make(chan Event, 64)
	go src.Run(ctx, events)
	nextEvent(t, events, KindStatus)

	os.Remove(link)
	master.Close() // unplugged: reads fail
	if ev := nextEvent(t, events, KindError); ev.Err == nil {
		t.Fatal("error event without error")
	}
	nextEvent(t, events, KindError) // reopening fails while it is gone

	master2, slave2, err := pty.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer master2.Close()
	if err := os.Symlink(slave2.Name(), link); err != nil {
		t.Fatal(err)
	}
	slave2.Close()
	nextEvent(t, events, KindStatus) // reopened
	if _, err := master2.Write([]byte("ESC1:BACK\n")); err != nil {
		t.Fatal(err)
	}
	if ev := nextEvent(t, events, KindCode); ev.Payload != "ESC1:BACK" {
		t.Fatalf("code after reconnect %q", ev.Payload)
	}
}

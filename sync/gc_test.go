package sync

import (
	"runtime/debug"
	"testing"
)

// A first sync's GC settings are the process's again after it, and restoring twice (the
// last page, then Pull's return) leaves them alone.
func TestLessGCRestores(t *testing.T) {
	gc := debug.SetGCPercent(150)
	limit := debug.SetMemoryLimit(1 << 40)
	defer func() { debug.SetGCPercent(gc); debug.SetMemoryLimit(limit) }()

	restore := lessGC()
	if got := debug.SetGCPercent(-1); got != 200 {
		t.Fatalf("GC percent during a first sync %d, want 200", got)
	}
	debug.SetGCPercent(200)
	if got := debug.SetMemoryLimit(-1); got != 40<<20 {
		t.Fatalf("memory limit during a first sync %d, want 40 MiB", got)
	}
	restore()
	debug.SetGCPercent(170) // the process changes its mind meanwhile
	restore()
	if got := debug.SetGCPercent(-1); got != 170 {
		t.Fatalf("GC percent after restoring twice %d, want the process's 170", got)
	}
	if got := debug.SetMemoryLimit(-1); got != 1<<40 {
		t.Fatalf("memory limit after a first sync %d, want the process's", got)
	}
}

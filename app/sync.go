package app

import "time"

// SyncState is what the status bar shows about the link to central.
type SyncState struct {
	Online    bool
	Pending   int       // events waiting in the outbox, as the sync client last saw them
	LastSync  time.Time // zero: never
	LastError string
}

// SyncStatus is the part of a sync client the kiosk needs. A nil SyncStatus in the
// Context means no central is configured: the kiosk works offline on its local store.
// Both methods must return at once; they are called from Cmds, never from Update.
type SyncStatus interface {
	Status() SyncState
	// SyncNow asks for a sync as soon as possible and returns without waiting for it.
	SyncNow()
}

package trust

import (
	"context"
	"errors"
	gosync "sync"
	"time"

	"onecard/config"
	"onecard/credential"
	"onecard/store"
)

// Live verifies against whatever the store holds now: it keeps one verifier and builds
// a new one when sync has installed another trust bundle or moved the last server time.
// It is safe for concurrent use (scans are verified in Cmds).
type Live struct {
	st    *store.Store
	cfg   config.Config
	clock func() time.Time

	mu         gosync.Mutex
	v          *credential.Verifier
	version    uint64
	serverTime string
}

// NewLive returns a Live verifier over the store.
func NewLive(st *store.Store, cfg config.Config, clock func() time.Time) *Live {
	return &Live{st: st, cfg: cfg, clock: clock}
}

// Verify checks one scanned payload. A store that cannot be read gives CANNOT_VERIFY
// with reason store_error, never a pass.
func (l *Live) Verify(ctx context.Context, text string) credential.Result {
	v, err := l.current(ctx)
	if err != nil {
		return credential.StoreError(l.clock(), err)
	}
	return v.Verify(ctx, text)
}

func (l *Live) current(ctx context.Context) (*credential.Verifier, error) {
	var version uint64
	b, err := l.st.TrustBundle(ctx)
	switch {
	case err == nil:
		version = b.Version
	case !errors.Is(err, store.ErrNotFound):
		return nil, err
	}
	serverTime, err := l.st.State(ctx, StateServerTime)
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.v != nil && version == l.version && serverTime == l.serverTime {
		return l.v, nil
	}
	v, err := NewVerifier(ctx, l.st, l.cfg, l.clock)
	if err != nil {
		return nil, err
	}
	l.v, l.version, l.serverTime = v, version, serverTime
	return v, nil
}

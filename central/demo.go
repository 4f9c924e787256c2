package central

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"time"

	"onecard/config"
)

// Running is a central server started in this process.
type Running struct {
	URL  string // https://127.0.0.1:port
	DB   *DB
	Keys *Keys
	stop func()
}

// Stop shuts the server down and waits for it.
func (r *Running) Stop() { r.stop() }

// Start serves db on addr (e.g. "127.0.0.1:0") in the background until Stop.
func Start(ctx context.Context, db *DB, keys *Keys, addr string, log *slog.Logger) (*Running, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	srv := NewServer(db, keys, nil, log)
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := srv.Serve(ctx, ln); err != nil && ctx.Err() == nil && log != nil {
			log.Error("central stopped", "err", err)
		}
	}()
	return &Running{URL: "https://" + ln.Addr().String(), DB: db, Keys: keys, stop: func() { cancel(); <-done }}, nil
}

// StartDemo runs the central of a demo data directory (config.CentralDB(dir), made by
// onecard seed) on a free loopback port, for onecard demo. The kiosk syncs with it by
// passing url as sync.Options.URL (the port changes at every start). stop shuts the
// server down and closes the database.
func StartDemo(ctx context.Context, dir string) (url string, stop func(), err error) {
	db, err := OpenSQLite(ctx, config.CentralDB(dir))
	if err != nil {
		return "", nil, err
	}
	keys, err := Setup(ctx, db, []string{"127.0.0.1", "localhost"}, time.Now())
	if err != nil {
		db.Close()
		return "", nil, fmt.Errorf("demo central: %w", err)
	}
	r, err := Start(ctx, db, keys, "127.0.0.1:0", nil)
	if err != nil {
		db.Close()
		return "", nil, fmt.Errorf("demo central: %w", err)
	}
	return r.URL, func() { r.Stop(); db.Close() }, nil
}

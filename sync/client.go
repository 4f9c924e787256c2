package sync

import (
	"context"
	"crypto/ed25519"
	"crypto/tls"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strings"
	gosync "sync"
	"time"

	"onecard/config"
	"onecard/store"
)

// Options tune a Client; the zero value is sensible.
type Options struct {
	URL        string        // central's address; default: the config's CentralURL
	PageSize   int           // changes per pull page; default DefaultPageSize
	PushBatch  int           // events per push; default 500
	Interval   time.Duration // between rounds while healthy; default 1 minute
	MinBackoff time.Duration // first wait after a failure; default 2 seconds
	MaxBackoff time.Duration // longest wait after failures; default 5 minutes
	Clock      func() time.Time
	Log        *slog.Logger
	// Alone says that nothing else reads the store while a round runs (the headless
	// sync, enrollment's first sync): a first sync into an empty store may then write
	// it alone, several seconds faster for a million persons (store.Store.LoadAlone).
	// The kiosk's background sync leaves it false, so the screens can always read.
	Alone bool
	// Transport replaces the TLS transport built from the credentials (tests).
	Transport http.RoundTripper
}

// Status is what the kiosk shows about sync.
type Status struct {
	Online      bool      // the last round reached central
	Syncing     bool      // a round is running
	Refused     string    // central's problem code when it turns this terminal away
	Pending     int       // outbox events not yet answered
	LastSync    time.Time // when the store last caught up with central
	LastAttempt time.Time
	LastError   string
	Pulled      int // records applied by the last round
	Pushed      int // events answered by the last round
}

// Client syncs one kiosk store with central. Run it in the background with Run; ask
// for an immediate round with SyncNow; read Status at any time.
type Client struct {
	st     *store.Store
	cfg    config.Config
	opt    Options
	root   ed25519.PublicKey
	http   *http.Client
	base   string
	now    chan struct{}
	roundM gosync.Mutex // one round at a time, Run's or a caller's

	mu     gosync.Mutex
	status Status
}

// Open builds a client for the enrolled terminal whose data directory is dir.
func Open(dir string, st *store.Store, opt Options) (*Client, error) {
	cfg, err := config.Load(dir)
	if err != nil {
		return nil, err
	}
	if !cfg.Enrolled() {
		return nil, fmt.Errorf("%s: terminal not enrolled: run onecard enroll", dir)
	}
	var tc *tls.Config
	if opt.Transport == nil {
		if tc, err = LoadTLS(dir); err != nil {
			return nil, err
		}
	}
	return NewClient(st, cfg, tc, opt)
}

// NewClient builds a client from a configuration and TLS credentials (LoadTLS).
func NewClient(st *store.Store, cfg config.Config, tc *tls.Config, opt Options) (*Client, error) {
	root, err := base64.StdEncoding.DecodeString(cfg.TrustRoot)
	if err != nil || len(root) != ed25519.PublicKeySize {
		return nil, errors.New("config has no valid trust_root: enroll again")
	}
	if opt.URL == "" {
		opt.URL = cfg.CentralURL
	}
	opt.PageSize = cmp(opt.PageSize, DefaultPageSize)
	opt.PushBatch = min(cmp(opt.PushBatch, 500), MaxPushBatch)
	opt.Interval = cmp(opt.Interval, time.Minute)
	opt.MinBackoff = cmp(opt.MinBackoff, 2*time.Second)
	opt.MaxBackoff = cmp(opt.MaxBackoff, 5*time.Minute)
	if opt.Clock == nil {
		opt.Clock = time.Now
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	rt := opt.Transport
	if rt == nil {
		// HTTP/1.1: a sync makes one request at a time, so HTTP/2's streams buy nothing,
		// and its framing cost CPU on both sides of a million-person first sync.
		rt = &http.Transport{TLSClientConfig: tc, ResponseHeaderTimeout: time.Minute,
			IdleConnTimeout: 90 * time.Second, TLSHandshakeTimeout: 15 * time.Second}
	}
	c := &Client{st: st, cfg: cfg, opt: opt, root: root, http: &http.Client{Transport: rt},
		base: strings.TrimRight(opt.URL, "/"), now: make(chan struct{}, 1)}
	if last, err := st.State(context.Background(), StateLastSync); err == nil && last != "" {
		c.status.LastSync, _ = time.Parse(time.RFC3339, last)
	}
	return c, nil
}

func cmp[T int | time.Duration](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}

// Close releases idle connections.
func (c *Client) Close() { c.http.CloseIdleConnections() }

// Status returns the latest sync status; it never blocks on the network.
func (c *Client) Status() Status {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.status
}

// SyncNow asks Run for a round right away (a supervisor's "sync now"); it never blocks.
func (c *Client) SyncNow() {
	select {
	case c.now <- struct{}{}:
	default: // a round is already asked for
	}
}

// Round runs one full round: push the outbox, then pull every page. Pushing first lets
// the pull bring back what central made of the events.
func (c *Client) Round(ctx context.Context) error {
	c.roundM.Lock()
	defer c.roundM.Unlock()
	c.update(func(s *Status) { s.Syncing, s.LastAttempt = true, c.opt.Clock() })
	pushed, err := c.Push(ctx)
	pulled := 0
	if err == nil {
		pulled, err = c.Pull(ctx)
	}
	pending, perr := c.st.CountPending(ctx)
	c.update(func(s *Status) {
		s.Syncing, s.Pulled, s.Pushed = false, pulled, pushed
		if perr == nil {
			s.Pending = pending
		}
		var refused *RefusedError
		switch {
		case err == nil:
			s.Online, s.Refused, s.LastError, s.LastSync = true, "", "", c.opt.Clock()
		case errors.As(err, &refused):
			s.Online, s.Refused, s.LastError = true, refused.Code, err.Error()
		default:
			s.Online, s.Refused, s.LastError = false, "", err.Error()
		}
	})
	return err
}

func (c *Client) update(f func(*Status)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f(&c.status)
}

// Run syncs until ctx ends: a round every Interval while central answers, and after a
// failure again after a backoff that doubles up to MaxBackoff, with jitter so that
// branches coming back from one outage do not all call at once.
func (c *Client) Run(ctx context.Context) error {
	failures := 0
	for {
		err := c.Round(ctx)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		wait := jitter(c.opt.Interval, 0.1)
		if err != nil {
			failures++
			c.opt.Log.Warn("sync round failed", "err", err, "failures", failures)
			wait = jitter(backoff(c.opt.MinBackoff, c.opt.MaxBackoff, failures), 0.5)
		} else {
			failures = 0
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-c.now:
			t.Stop()
		case <-t.C:
		}
	}
}

// backoff is min * 2^(failures-1), capped at max.
func backoff(minWait, maxWait time.Duration, failures int) time.Duration {
	d := minWait
	for i := 1; i < failures && d < maxWait; i++ {
		d *= 2
	}
	return min(d, maxWait)
}

// jitter spreads d uniformly over d*(1-f) .. d*(1+f).
func jitter(d time.Duration, f float64) time.Duration {
	return time.Duration(float64(d) * (1 - f + 2*f*rand.Float64()))
}

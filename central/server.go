package central

import (
	"bufio"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"onecard/domain"
	"onecard/sync"
)

// Server is central's HTTPS API.
type Server struct {
	db    *DB
	keys  *Keys
	clock func() time.Time
	log   *slog.Logger
	m     *metrics
	seen  chan seenMark // how far terminals' pulls got, for recordSeen
}

// seenMark is a terminal's pull reaching cursor at a time.
type seenMark struct {
	terminal string
	cursor   int64
	at       time.Time
}

// NewServer returns the API over db; clock may be nil (time.Now), log may be nil.
func NewServer(db *DB, keys *Keys, clock func() time.Time, log *slog.Logger) *Server {
	if clock == nil {
		clock = time.Now
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Server{db: db, keys: keys, clock: clock, log: log, m: newMetrics(db, log), seen: make(chan seenMark, 1024)}
}

// Handler routes the API; it expects to sit behind TLSConfig.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+sync.PathHealth, s.health)
	mux.Handle("GET "+sync.PathMetrics, promhttp.HandlerFor(s.m.reg, promhttp.HandlerOpts{}))
	mux.HandleFunc("POST "+sync.PathEnroll, s.enroll)
	mux.HandleFunc("GET "+sync.PathChanges, s.changes)
	mux.HandleFunc("POST "+sync.PathEvents, s.events)
	return s.count(mux)
}

// TLSConfig is the server's TLS configuration (certificate and client CA).
func (s *Server) TLSConfig() *tls.Config { return s.keys.TLSConfig() }

// Serve answers on ln over TLS until ctx ends, and runs central's scheduled jobs.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{Handler: s.Handler(), TLSConfig: s.TLSConfig(), ReadHeaderTimeout: 10 * time.Second,
		ErrorLog: slog.NewLogLogger(s.log.Handler(), slog.LevelWarn)}
	jobsCtx, stopJobs := context.WithCancel(ctx)
	defer stopJobs()
	go s.runJobs(jobsCtx)
	stopRecording, recorded := make(chan struct{}), make(chan struct{})
	go func() { defer close(recorded); s.recordSeen(stopRecording) }()
	errc := make(chan error, 1)
	go func() { errc <- hs.ServeTLS(ln, "", "") }()
	var err error
	select {
	case err = <-errc:
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err = hs.Shutdown(sctx)
		<-errc
	}
	// The marks waiting are recorded before Serve returns. s.seen itself stays open: a
	// handler that outlived Shutdown's timeout may still send (and its mark be dropped).
	close(stopRecording)
	<-recorded
	return err
}

// recordSeen writes terminals' cursors and last-seen times, in the order the pulls
// ended, until stop is closed and the marks then waiting are written. It runs apart
// from the pulls because the write waits for any write transaction at central, and a
// pull's response is not over until its handler returns: the terminal would wait too.
func (s *Server) recordSeen(stop <-chan struct{}) {
	for {
		select {
		case m := <-s.seen:
			s.record(m)
		case <-stop:
			for len(s.seen) > 0 { // this is the only receiver
				s.record(<-s.seen)
			}
			return
		}
	}
}

func (s *Server) record(m seenMark) {
	if err := s.db.seen(context.Background(), m.terminal, m.cursor, m.at); err != nil {
		s.log.Warn("record terminal cursor", "terminal", m.terminal, "err", err)
	}
}

// The scheduled jobs, as onecard_central_job_last_success_seconds names them.
const (
	jobTrustBundle = "trust_bundle"
	jobReminders   = "reminders"
)

// jobEvery is how often the scheduled jobs run; each is idempotent, so instances
// sharing one database may all run them.
const jobEvery = time.Hour

func (s *Server) runJobs(ctx context.Context) {
	for {
		now := s.clock()
		s.runJob(ctx, jobTrustBundle, func() error { return s.db.RefreshBundle(ctx, s.keys, now) })
		s.runJob(ctx, jobReminders, func() error {
			n, err := s.db.Remind(ctx, domain.DateOf(now.In(chinaTime)), now)
			if n > 0 {
				s.log.Info("expiry reminders", "created", n)
			}
			return err
		})
		select {
		case <-ctx.Done():
			return
		case <-time.After(jobEvery):
		}
	}
}

// runJob runs one scheduled job: a failure is logged (unless central is stopping), a
// success recorded in the job's metric.
func (s *Server) runJob(ctx context.Context, job string, run func() error) {
	if err := run(); err != nil {
		if ctx.Err() == nil {
			s.log.Warn("scheduled job failed", "job", job, "err", err)
		}
		return
	}
	s.m.jobDone(job, s.clock())
}

// chinaTime is the calendar permits are dated in.
var chinaTime = time.FixedZone("CST", 8*3600)

type statusRecorder struct {
	http.ResponseWriter
	code int
}

func (r *statusRecorder) WriteHeader(code int) { r.code = code; r.ResponseWriter.WriteHeader(code) }
func (r *statusRecorder) Flush() {
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (s *Server) count(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w, code: http.StatusOK}
		next.ServeHTTP(rec, r)
		path := r.URL.Path
		switch path {
		case sync.PathHealth, sync.PathMetrics, sync.PathEnroll, sync.PathChanges, sync.PathEvents:
		default:
			path = "other" // unknown paths must not grow the label set
		}
		s.m.requests.WithLabelValues(path, strconv.Itoa(rec.code)).Inc()
	})
}

func (s *Server) problem(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(sync.Problem{Code: code, Message: msg})
}

func (s *Server) fail(w http.ResponseWriter, op string, err error) {
	var ref *Refusal
	if errors.As(err, &ref) {
		status := http.StatusForbidden
		if ref.Code == sync.ProblemBadRequest {
			status = http.StatusBadRequest
		}
		s.problem(w, status, ref.Code, ref.Msg)
		return
	}
	s.log.Error(op, "err", err)
	s.problem(w, http.StatusInternalServerError, sync.ProblemInternal, op+" failed")
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if _, err := s.db.HeadSeq(ctx); err != nil {
		s.problem(w, http.StatusServiceUnavailable, sync.ProblemInternal, "database unavailable")
		return
	}
	_, _ = w.Write([]byte("ok\n"))
}

func (s *Server) enroll(w http.ResponseWriter, r *http.Request) {
	var req sync.EnrollRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10)).Decode(&req); err != nil {
		s.problem(w, http.StatusBadRequest, sync.ProblemBadRequest, "enrollment request: "+err.Error())
		return
	}
	resp, err := s.db.Enroll(r.Context(), s.keys, req, s.clock())
	if err != nil {
		s.fail(w, "enroll", err)
		return
	}
	s.log.Info("terminal enrolled", "terminal", resp.TerminalID, "branch", resp.Branch, "region", resp.Region)
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(resp)
}

// terminal authenticates the request's client certificate against the terminal
// register: only the certificate of an active terminal's latest enrollment passes,
// and only for the region it was enrolled in.
func (s *Server) terminal(w http.ResponseWriter, r *http.Request) (Terminal, bool) {
	if r.TLS == nil || len(r.TLS.VerifiedChains) == 0 {
		s.problem(w, http.StatusUnauthorized, sync.ProblemUnenrolled, "a terminal certificate is required: enroll first")
		return Terminal{}, false
	}
	leaf := r.TLS.VerifiedChains[0][0]
	t, err := s.db.Terminal(r.Context(), leaf.Subject.CommonName)
	switch {
	case errors.Is(err, ErrNotFound) || err == nil && t.CertSerial != leaf.SerialNumber.Text(16):
		s.problem(w, http.StatusUnauthorized, sync.ProblemUnenrolled, "unknown terminal certificate")
		return t, false
	case err != nil:
		s.fail(w, "terminal", err)
		return t, false
	case !t.RevokedAt.IsZero():
		s.problem(w, http.StatusForbidden, sync.ProblemRevoked, "terminal "+t.ID+" was revoked")
		return t, false
	case r.Header.Get(sync.HeaderRegion) != t.Region:
		s.problem(w, http.StatusForbidden, sync.ProblemWrongRegion,
			fmt.Sprintf("terminal %s is enrolled for region %s, not %q", t.ID, t.Region, r.Header.Get(sync.HeaderRegion)))
		return t, false
	}
	return t, true
}

func (s *Server) changes(w http.ResponseWriter, r *http.Request) {
	term, ok := s.terminal(w, r)
	if !ok {
		return
	}
	cursor, err1 := strconv.ParseInt(r.URL.Query().Get("cursor"), 10, 64)
	limit, err2 := strconv.Atoi(r.URL.Query().Get("limit"))
	if err1 != nil || err2 != nil || cursor < 0 || limit <= 0 || limit > sync.MaxPageSize {
		s.problem(w, http.StatusBadRequest, sync.ProblemBadRequest, fmt.Sprintf("want cursor >= 0 and limit 1..%d", sync.MaxPageSize))
		return
	}
	now := s.clock()
	w.Header().Set("Content-Type", "application/x-ndjson")
	bw := bufio.NewWriterSize(w, 64<<10)
	scopes := []string{term.Region, sync.National, sync.BranchScope(term.Branch)}
	n, last, err := s.db.Changes(r.Context(), scopes, cursor, limit, bw)
	if err != nil {
		// The page ends without its end line: the terminal discards it and asks again.
		s.log.Warn("changes stream", "terminal", term.ID, "err", err)
		_ = bw.Flush()
		return
	}
	s.m.records.Add(float64(n))
	end, _ := json.Marshal(sync.PageEnd{End: true, Cursor: last, More: n == limit, ServerTime: now.UTC()})
	_, _ = bw.Write(append(end, '\n'))
	if err := bw.Flush(); err != nil {
		return
	}
	select {
	case s.seen <- seenMark{term.ID, last, now}:
	default:
		s.log.Warn("record terminal cursor: too many waiting, dropped", "terminal", term.ID)
	}
}

func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	term, ok := s.terminal(w, r)
	if !ok {
		return
	}
	var req sync.PushRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<20)).Decode(&req); err != nil {
		s.problem(w, http.StatusBadRequest, sync.ProblemBadRequest, "push request: "+err.Error())
		return
	}
	if len(req.Events) > sync.MaxPushBatch {
		s.problem(w, http.StatusBadRequest, sync.ProblemBadRequest, fmt.Sprintf("at most %d events per push", sync.MaxPushBatch))
		return
	}
	now := s.clock()
	answers, err := s.db.ApplyEvents(r.Context(), term, req.Events, now)
	if err != nil {
		s.fail(w, "apply events", err)
		return
	}
	kinds := map[int64]string{}
	for _, ev := range req.Events {
		kinds[ev.Seq] = ev.Kind
	}
	for _, a := range answers {
		s.m.events.WithLabelValues(metricKind(kinds[a.Seq]), a.State).Inc()
		if a.State == string(domain.OutboxRejected) {
			s.m.rejected.WithLabelValues(metricKind(kinds[a.Seq])).Inc()
		}
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(sync.PushResponse{Answers: answers, ServerTime: now.UTC()})
}

// metricKind keeps unknown event kinds from growing the label set.
func metricKind(kind string) string {
	if _, ok := eventHandlers()[kind]; ok {
		return kind
	}
	return "unknown"
}

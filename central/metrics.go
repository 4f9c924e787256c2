package central

import (
	"context"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// metrics are one server's Prometheus metrics, on a registry of its own (no globals,
// so tests can run several servers in one process).
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	events   *prometheus.CounterVec
	rejected *prometheus.CounterVec
	records  prometheus.Counter
	jobs     *prometheus.GaugeVec
}

func newMetrics(db *DB, log *slog.Logger) *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "onecard_central_requests_total", Help: "HTTP requests by endpoint and status code.",
		}, []string{"path", "code"}),
		events: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "onecard_central_events_total", Help: "Branch events answered, by kind and state.",
		}, []string{"kind", "state"}),
		rejected: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "onecard_central_events_rejected_total", Help: "Branch events rejected, by kind.",
		}, []string{"kind"}),
		records: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "onecard_central_changes_sent_total", Help: "Change records streamed to branches.",
		}),
		jobs: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "onecard_central_job_last_success_seconds",
			Help: "Unix time this instance last finished a scheduled job without error, by job.",
		}, []string{"job"}),
	}
	m.reg.MustRegister(m.requests, m.events, m.rejected, m.records, m.jobs,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		&lagCollector{db: db, log: log})
	return m
}

// jobDone records that a scheduled job finished without error at t: an operator alerts
// when a job's time falls more than a couple of rounds (jobEvery) behind.
func (m *metrics) jobDone(job string, t time.Time) {
	m.jobs.WithLabelValues(job).Set(float64(t.Unix()))
}

// lagCollector reports, at scrape time, how many changes each terminal is behind and
// when it was last seen: read from the database, so every instance reports the same.
type lagCollector struct {
	db  *DB
	log *slog.Logger
}

var (
	lagDesc = prometheus.NewDesc("onecard_central_sync_lag_changes",
		"Changes committed at central after the terminal's last pull cursor.", []string{"terminal", "branch", "region"}, nil)
	seenDesc = prometheus.NewDesc("onecard_central_terminal_last_seen_seconds",
		"Unix time of the terminal's last pull.", []string{"terminal", "branch", "region"}, nil)
)

func (c *lagCollector) Describe(ch chan<- *prometheus.Desc) { ch <- lagDesc; ch <- seenDesc }

func (c *lagCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	head, err := c.db.HeadSeq(ctx)
	if err != nil {
		c.log.Warn("metrics: head seq", "err", err)
		return
	}
	terms, err := c.db.Terminals(ctx)
	if err != nil {
		c.log.Warn("metrics: terminals", "err", err)
		return
	}
	for _, t := range terms {
		if !t.RevokedAt.IsZero() {
			continue
		}
		ch <- prometheus.MustNewConstMetric(lagDesc, prometheus.GaugeValue, float64(max(0, head-t.Cursor)), t.ID, t.Branch, t.Region)
		if !t.LastSeenAt.IsZero() {
			ch <- prometheus.MustNewConstMetric(seenDesc, prometheus.GaugeValue, float64(t.LastSeenAt.Unix()), t.ID, t.Branch, t.Region)
		}
	}
}

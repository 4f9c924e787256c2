package credential

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/veraison/go-cose"
)

// Permit statuses a PermitRecords implementation reports.
const (
	PermitValid     = "valid"
	PermitExpired   = "expired"
	PermitCancelled = "cancelled"
	PermitRevoked   = "revoked"
)

// PermitRecord is the local store's view of a permit.
type PermitRecord struct {
	Found      bool
	Status     string    // one of the Permit* statuses
	ValidUntil time.Time // the instant the permit stops being valid; zero if unknown
}

// PermitRecords is the local permit register, one point lookup by permit number.
type PermitRecords interface {
	PermitStatus(ctx context.Context, permitNumber string) (PermitRecord, error)
}

// NonceLog remembers the (credential id, nonce) pairs of e-SSC codes already seen. It
// records the pair and reports whether it was there before, atomically (an INSERT that
// reports a conflict). at is the code's own time: entries older than TTL plus skew can
// be pruned, since such codes are rejected as stale anyway.
type NonceLog interface {
	SeenNonce(ctx context.Context, credentialID string, nonce []byte, at time.Time) (seenBefore bool, err error)
}

// Defaults for Config.
const (
	DefaultTTL          = 60 * time.Second
	DefaultSkew         = 30 * time.Second
	DefaultMaxBundleAge = 7 * 24 * time.Hour
)

// Config is everything a Verifier depends on. Build a new Verifier when a new bundle
// is installed or a sync completes; a Verifier never changes after construction.
type Config struct {
	Bundle   *Bundle // nil: every verification answers CANNOT_VERIFY no_trust_bundle
	Permits  PermitRecords
	Nonces   NonceLog
	Clock    func() time.Time
	LastSync time.Time // central's time at the last successful sync; zero if never

	TTL          time.Duration // e-SSC dynamic code lifetime; 0 means DefaultTTL
	Skew         time.Duration // clock tolerance; 0 means DefaultSkew
	MaxBundleAge time.Duration // 0 means DefaultMaxBundleAge
}

type trustedKey struct {
	info     KeyInfo
	verifier cose.Verifier
}

// Verifier checks scanned payloads offline. It is safe for concurrent use.
type Verifier struct {
	cfg          Config
	d            *Decoder
	keys         map[string][]trustedKey
	revokedCreds map[string]bool
	revokedKeys  map[string]bool
}

// NewVerifier validates cfg, fills in defaults and indexes the bundle's keys.
func NewVerifier(cfg Config) (*Verifier, error) {
	if cfg.Permits == nil || cfg.Nonces == nil || cfg.Clock == nil {
		return nil, errors.New("verifier needs permit records, a nonce log and a clock")
	}
	if cfg.TTL < 0 || cfg.Skew < 0 || cfg.MaxBundleAge < 0 {
		return nil, errors.New("verifier durations must not be negative")
	}
	cfg.TTL = cmpOr(cfg.TTL, DefaultTTL)
	cfg.Skew = cmpOr(cfg.Skew, DefaultSkew)
	cfg.MaxBundleAge = cmpOr(cfg.MaxBundleAge, DefaultMaxBundleAge)
	d, err := NewDecoder()
	if err != nil {
		return nil, err
	}
	v := &Verifier{cfg: cfg, d: d, keys: map[string][]trustedKey{},
		revokedCreds: map[string]bool{}, revokedKeys: map[string]bool{}}
	if b := cfg.Bundle; b != nil {
		for _, k := range b.Keys {
			cv, err := cose.NewVerifier(k.Alg, k.Public)
			if err != nil {
				return nil, fmt.Errorf("trust bundle key %s: %w", k.ID, err)
			}
			v.keys[k.ID] = append(v.keys[k.ID], trustedKey{info: k, verifier: cv})
		}
		for _, id := range b.RevokedCredentials {
			v.revokedCreds[id] = true
		}
		for _, id := range b.RevokedKeys {
			v.revokedKeys[id] = true
		}
	}
	return v, nil
}

func cmpOr(d, def time.Duration) time.Duration {
	if d == 0 {
		return def
	}
	return d
}

// Verify checks one scanned payload. The checks run in a fixed order and the first
// failure decides the verdict: format, clock, trust bundle, algorithm, key, signature,
// key validity at issue, allowed use, validity, holder binding and freshness (ESC1),
// replay (ESC1), revocation, and the local permit record.
func (v *Verifier) Verify(ctx context.Context, text string) Result {
	now := v.cfg.Clock()
	r := &Result{CheckedAt: now.UTC(), Checks: []Check{}}
	p, err := v.d.Decode(text)
	if err != nil {
		return r.finish(parseReason(err), err)
	}
	r.describe(p)
	r.Checks = append(r.Checks, CheckFormat)
	reason, err := v.check(ctx, now, p, r)
	return r.finish(reason, err)
}

func parseReason(err error) Reason {
	switch {
	case errors.Is(err, ErrUnknownPrefix):
		return ReasonUnknownPrefix
	case errors.Is(err, ErrUnsupportedVersion):
		return ReasonUnsupportedVersion
	case errors.Is(err, ErrTooLarge):
		return ReasonTooLarge
	case errors.Is(err, ErrNonCanonical):
		return ReasonNonCanonical
	}
	return ReasonMalformed
}

// check runs the steps after decoding, appending each passed check to r.Checks.
func (v *Verifier) check(ctx context.Context, now time.Time, p *Payload, r *Result) (Reason, error) {
	steps := []struct {
		name Check
		run  func() (Reason, error)
	}{
		{CheckClock, func() (Reason, error) { return v.checkClock(now) }},
		{CheckTrustBundle, func() (Reason, error) { return v.checkBundle(now, r) }},
		{CheckAlgorithm, func() (Reason, error) { return v.checkAlg(p) }},
		{CheckKey, func() (Reason, error) { return v.checkKeyKnown(p) }},
	}
	for _, s := range steps {
		if reason, err := s.run(); reason != "" {
			return reason, err
		}
		r.Checks = append(r.Checks, s.name)
	}
	key, reason, err := v.checkSignature(p)
	if reason != "" {
		return reason, err
	}
	r.Checks = append(r.Checks, CheckSignature)
	later := []struct {
		name Check
		run  func() (Reason, error)
		only Use
	}{
		{CheckKeyValidity, func() (Reason, error) { return checkKeyValidity(key, p) }, ""},
		{CheckUse, func() (Reason, error) { return checkUse(key, p) }, ""},
		{CheckValidity, func() (Reason, error) { return v.checkValidity(now, p) }, ""},
		{CheckHolderBinding, func() (Reason, error) { return v.checkHolder(p) }, UseESSC},
		{CheckFreshness, func() (Reason, error) { return v.checkFreshness(now, p) }, UseESSC},
		{CheckReplay, func() (Reason, error) { return v.checkReplay(ctx, p) }, UseESSC},
		{CheckRevocation, func() (Reason, error) { return v.checkRevocation(p) }, ""},
		{CheckLocalRecord, func() (Reason, error) { return v.checkLocal(ctx, now, p, r) }, ""},
	}
	for _, s := range later {
		if s.only != "" && s.only != p.Kind {
			continue
		}
		if reason, err := s.run(); reason != "" {
			return reason, err
		}
		r.Checks = append(r.Checks, s.name)
	}
	return ReasonOK, nil
}

// Package trust is the terminal's side of QR credential trust: it installs a trust
// bundle after checking it against the root key pinned in the terminal's config, and
// assembles a credential.Verifier from the kiosk store (installed bundle, permit
// register, nonce log, last sync time).
package trust

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"onecard/config"
	"onecard/credential"
	"onecard/domain"
	"onecard/store"
)

// ErrNoRoot means the terminal's config pins no root key: it was never enrolled or seeded.
var ErrNoRoot = errors.New("no trust root pinned in config.json: enroll this terminal first")

// StateServerTime is the sync-state key holding central's clock at the last sync.
const StateServerTime = "server_time"

// Root decodes the pinned root public key from the config.
func Root(cfg config.Config) (ed25519.PublicKey, error) {
	if cfg.TrustRoot == "" {
		return nil, ErrNoRoot
	}
	b, err := base64.StdEncoding.DecodeString(cfg.TrustRoot)
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("config trust_root: not a base64 Ed25519 public key")
	}
	return ed25519.PublicKey(b), nil
}

// EncodeRoot is Root's inverse, for enrollment and seeding.
func EncodeRoot(pub ed25519.PublicKey) string { return base64.StdEncoding.EncodeToString(pub) }

// Install checks raw against the pinned root and, only if it verifies and is newer
// than the installed bundle, replaces the installed bundle in w's transaction.
func Install(ctx context.Context, w *store.Writer, root ed25519.PublicKey, installed uint64, raw []byte, now time.Time) (*credential.Bundle, error) {
	b, err := credential.ParseBundle(raw, root, installed)
	if err != nil {
		return nil, err
	}
	err = w.InstallTrustBundle(ctx, store.InstalledBundle{Version: b.Version, IssuedAt: b.IssuedAt, InstalledAt: now, Raw: raw})
	return b, err
}

// InstallFile installs a bundle file carried to an air-gapped branch, in one transaction.
func InstallFile(ctx context.Context, st *store.Store, cfg config.Config, raw []byte, now time.Time) (*credential.Bundle, error) {
	root, err := Root(cfg)
	if err != nil {
		return nil, err
	}
	var current uint64
	if b, err := st.TrustBundle(ctx); err == nil {
		current = b.Version
	} else if !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	var out *credential.Bundle
	err = st.Update(ctx, func(w *store.Writer) error {
		out, err = Install(ctx, w, root, current, raw, now)
		return err
	})
	return out, err
}

// NewVerifier builds a verifier over the store's installed bundle. With no bundle
// installed (or none that still verifies) it still answers, CANNOT_VERIFY, never a pass.
func NewVerifier(ctx context.Context, st *store.Store, cfg config.Config, clock func() time.Time) (*credential.Verifier, error) {
	vc := credential.Config{
		Permits: permitRegister{st: st, loc: cfg.Location()}, Nonces: st, Clock: clock,
		TTL: cfg.CodeTTL.D(), Skew: cfg.ClockSkew.D(), MaxBundleAge: cfg.MaxBundleAge.D(),
	}
	installed, err := st.TrustBundle(ctx)
	switch {
	case errors.Is(err, store.ErrNotFound):
	case err != nil:
		return nil, err
	default:
		root, err := Root(cfg)
		if err != nil {
			return nil, err
		}
		// Installed bundles were checked on the way in; checking again guards against
		// a store edited behind the terminal's back.
		if vc.Bundle, err = credential.ParseBundle(installed.Raw, root, 0); err != nil {
			return nil, fmt.Errorf("installed trust bundle: %w", err)
		}
	}
	if s, err := st.State(ctx, StateServerTime); err != nil {
		return nil, err
	} else if s != "" {
		if vc.LastSync, err = time.Parse(time.RFC3339Nano, s); err != nil {
			return nil, fmt.Errorf("sync state %s: %w", StateServerTime, err)
		}
	}
	return credential.NewVerifier(vc)
}

// permitRegister answers the verifier's cross-check from the local permit table.
type permitRegister struct {
	st  *store.Store
	loc *time.Location
}

func (p permitRegister) PermitStatus(ctx context.Context, number string) (credential.PermitRecord, error) {
	w, err := p.st.Permit(ctx, number)
	if errors.Is(err, store.ErrNotFound) {
		return credential.PermitRecord{}, nil
	}
	if err != nil {
		return credential.PermitRecord{}, err
	}
	// A permit is valid through its last day, in the counter's time zone.
	end := w.ValidUntil.AddDays(1)
	until := time.Date(end.Time().Year(), end.Time().Month(), end.Time().Day(), 0, 0, 0, 0, p.loc)
	return credential.PermitRecord{Found: true, Status: permitStatus(w.Status), ValidUntil: until}, nil
}

func permitStatus(s domain.PermitStatus) string {
	switch s {
	case domain.PermitExpired:
		return credential.PermitExpired
	case domain.PermitCancelled:
		return credential.PermitCancelled
	case domain.PermitRevoked:
		return credential.PermitRevoked
	}
	return credential.PermitValid
}

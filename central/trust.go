package central

import (
	"context"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"onecard/credential"
	"onecard/sync"
)

func x509Pool(certs ...*x509.Certificate) *x509.CertPool {
	p := x509.NewCertPool()
	for _, c := range certs {
		p.AddCert(c)
	}
	return p
}

// issuerKeyLife is how long a generated issuer key signs; a new one is made before the
// current one ends.
const issuerKeyLife = 2 * 365 * 24 * time.Hour

// ensureIssuerKeys makes an issuer key when none is valid now, and publishes a trust
// bundle when there is none yet.
func ensureIssuerKeys(ctx context.Context, t *Tx, k *Keys, now time.Time) error {
	keys, err := t.issuerKeys(ctx)
	if err != nil {
		return err
	}
	valid := false
	for _, ik := range keys {
		valid = valid || ik.ValidAt(now) && ik.ValidAt(now.Add(30*24*time.Hour))
	}
	if !valid {
		id := "ISS-" + now.UTC().Format("20060102150405")
		ik, err := credential.GenerateIssuerKey(id, credential.AlgEdDSA, now.Add(-24*time.Hour), now.Add(issuerKeyLife),
			credential.UseNotice, credential.UseESSC)
		if err != nil {
			return err
		}
		b, err := ik.MarshalBinary()
		if err != nil {
			return err
		}
		if _, err := t.exec(ctx, `INSERT INTO issuer_keys (id, private, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING`,
			id, base64.StdEncoding.EncodeToString(b), now.UnixMilli()); err != nil {
			return err
		}
		return t.PublishBundle(ctx, k, now)
	}
	var current sync.Bundle
	if _, err := t.get(ctx, sync.KindBundle, sync.BundleKey, &current); errors.Is(err, ErrNotFound) {
		return t.PublishBundle(ctx, k, now)
	} else if err != nil {
		return err
	}
	return nil
}

func (t *Tx) issuerKeys(ctx context.Context) ([]credential.IssuerKey, error) {
	rows, err := t.query(ctx, `SELECT private FROM issuer_keys ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []credential.IssuerKey
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return nil, err
		}
		ik, err := credential.ParseIssuerKey(b)
		if err != nil {
			return nil, err
		}
		out = append(out, ik)
	}
	return out, rows.Err()
}

// Revocation kinds for the trust bundle.
const (
	RevokeCredential = "credential"
	RevokeKey        = "key"
)

// Revoke adds a credential id or an issuer key id to the revocation list; the next
// published bundle carries it.
func (t *Tx) Revoke(ctx context.Context, kind, id string, at time.Time) error {
	if kind != RevokeCredential && kind != RevokeKey {
		return fmt.Errorf("revoke: kind %q", kind)
	}
	_, err := t.exec(ctx, `INSERT INTO revocations (kind, id, at) VALUES (?, ?, ?) ON CONFLICT (kind, id) DO NOTHING`,
		kind, id, at.UnixMilli())
	return err
}

// PublishBundle signs a new trust bundle (the issuer keys and revocations as they stand)
// with the root key, one version above the last, and records it for every branch.
func (t *Tx) PublishBundle(ctx context.Context, k *Keys, now time.Time) error {
	var prev sync.Bundle
	if _, err := t.get(ctx, sync.KindBundle, sync.BundleKey, &prev); err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	keys, err := t.issuerKeys(ctx)
	if err != nil {
		return err
	}
	b := credential.Bundle{Version: prev.Version + 1, IssuedAt: now}
	for _, ik := range keys {
		b.Keys = append(b.Keys, ik.KeyInfo)
	}
	rows, err := t.query(ctx, `SELECT kind, id FROM revocations ORDER BY kind, id`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var kind, id string
		if err := rows.Scan(&kind, &id); err != nil {
			rows.Close()
			return err
		}
		if kind == RevokeKey {
			b.RevokedKeys = append(b.RevokedKeys, id)
		} else {
			b.RevokedCredentials = append(b.RevokedCredentials, id)
		}
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return err
	}
	signed, err := credential.SignBundle(b, k.rootPriv)
	if err != nil {
		return err
	}
	return t.put(ctx, entity{kind: sync.KindBundle, key: sync.BundleKey, scope: sync.National,
		doc: sync.Bundle{Version: b.Version, IssuedAt: now.UTC(), Signed: signed}})
}

// Issuer returns the credential issuer over central's issuer keys (for demo codes).
func (db *DB) Issuer(ctx context.Context) (*credential.Issuer, error) {
	var keys []credential.IssuerKey
	err := db.Update(ctx, func(t *Tx) error {
		var err error
		keys, err = t.issuerKeys(ctx)
		return err
	})
	if err != nil {
		return nil, err
	}
	return credential.NewIssuer(keys...)
}

// bundleRefresh is how old the published bundle may grow before central signs a fresh
// one: well inside a terminal's maximum bundle age (7 days by default), so a branch that
// syncs daily never sees its bundle go stale.
const bundleRefresh = 24 * time.Hour

// RefreshBundle publishes a new bundle when the current one is older than bundleRefresh.
func (db *DB) RefreshBundle(ctx context.Context, k *Keys, now time.Time) error {
	return db.Update(ctx, func(t *Tx) error {
		var cur sync.Bundle
		if _, err := t.get(ctx, sync.KindBundle, sync.BundleKey, &cur); err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		if now.Sub(cur.IssuedAt) < bundleRefresh {
			return nil
		}
		return t.PublishBundle(ctx, k, now)
	})
}

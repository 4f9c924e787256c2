package central

import (
	"context"
	"crypto/ed25519"
	"crypto/tls"
	"encoding/base64"
	"fmt"
	"os"
	"time"

	"onecard/credential"
	"onecard/sync"
)

// Keys are central's secrets, all kept in its database.
type Keys struct {
	ca        authority
	server    tls.Certificate
	RootPub   ed25519.PublicKey
	rootPriv  ed25519.PrivateKey
	CAFinger  string // sync.CAFingerprint of the CA, printed in enrollment codes
	CACertDER []byte
}

// DefaultHosts are the names central's server certificate carries when none are given.
func DefaultHosts() []string {
	hosts := []string{"localhost", "127.0.0.1", "::1"}
	if h, err := os.Hostname(); err == nil && h != "" {
		hosts = append(hosts, h)
	}
	return hosts
}

// Setup makes, on first start, central's CA, server certificate, trust root key,
// issuer keys and first trust bundle; later starts (or other instances) read them.
// hosts go into the server certificate when it is first made.
func Setup(ctx context.Context, db *DB, hosts []string, now time.Time) (*Keys, error) {
	var k Keys
	err := db.Update(ctx, func(t *Tx) error {
		var caCert, caKey string
		var err error
		if caCert, err = t.initSetting(ctx, "ca_cert", func() (string, error) {
			c, key, err := newCA(now)
			caKey = key
			return c, err
		}); err != nil {
			return err
		}
		if caKey, err = t.initSetting(ctx, "ca_key", func() (string, error) { return caKey, nil }); err != nil {
			return err
		}
		if k.ca, err = parseAuthority(caCert, caKey); err != nil {
			return err
		}
		var srvKey string
		srvCert, err := t.initSetting(ctx, "server_cert", func() (string, error) {
			c, key, err := k.ca.serverCert(hosts, now)
			srvKey = key
			return c, err
		})
		if err != nil {
			return err
		}
		if srvKey, err = t.initSetting(ctx, "server_key", func() (string, error) { return srvKey, nil }); err != nil {
			return err
		}
		if k.server, err = k.ca.tlsCertificate(srvCert, srvKey); err != nil {
			return err
		}
		root, err := t.initSetting(ctx, "root_key", func() (string, error) {
			_, priv, err := credential.GenerateRootKey()
			return base64.StdEncoding.EncodeToString(priv.Seed()), err
		})
		if err != nil {
			return err
		}
		seed, err := base64.StdEncoding.DecodeString(root)
		if err != nil || len(seed) != ed25519.SeedSize {
			return fmt.Errorf("central root key is damaged")
		}
		k.rootPriv = ed25519.NewKeyFromSeed(seed)
		k.RootPub = k.rootPriv.Public().(ed25519.PublicKey)
		k.CACertDER = k.ca.cert.Raw
		k.CAFinger = sync.CAFingerprint(k.ca.cert.Raw)
		return ensureIssuerKeys(ctx, t, &k, now)
	})
	if err != nil {
		return nil, fmt.Errorf("central setup: %w", err)
	}
	return &k, nil
}

// TLSConfig is central's server TLS: its certificate, and client certificates checked
// against its CA when a terminal presents one (enrollment and /healthz need none).
func (k *Keys) TLSConfig() *tls.Config {
	pool := x509Pool(k.ca.cert)
	return &tls.Config{
		Certificates: []tls.Certificate{k.server},
		ClientAuth:   tls.VerifyClientCertIfGiven,
		ClientCAs:    pool,
		MinVersion:   tls.VersionTLS13,
	}
}

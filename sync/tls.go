package sync

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"os"

	"onecard/config"
)

// verifyPinned accepts central's certificate only if it chains to the pinned CA and
// is meant for a server. Host names are not checked: the CA is central's own and signs
// nothing but central's servers and terminals, and a terminal certificate cannot pass
// as a server (server-auth usage is required), so the pin alone identifies central
// wherever it is reached (a branch may reach it by IP, a proxy name or a VPN address).
func verifyPinned(pool *x509.CertPool) func(tls.ConnectionState) error {
	return func(cs tls.ConnectionState) error {
		if len(cs.PeerCertificates) == 0 {
			return errors.New("central sent no certificate")
		}
		inter := x509.NewCertPool()
		for _, c := range cs.PeerCertificates[1:] {
			inter.AddCert(c)
		}
		_, err := cs.PeerCertificates[0].Verify(x509.VerifyOptions{Roots: pool, Intermediates: inter,
			KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}})
		if err != nil {
			return fmt.Errorf("central's certificate is not from the pinned CA: %w", err)
		}
		return nil
	}
}

// pinnedConfig is a TLS configuration that trusts only pool and verifies by pin.
func pinnedConfig(pool *x509.CertPool) *tls.Config {
	return &tls.Config{
		MinVersion: tls.VersionTLS13,
		// Standard verification would also demand a host name match; verifyPinned
		// does the chain check itself.
		InsecureSkipVerify: true, //nolint:gosec // verified by VerifyConnection
		VerifyConnection:   verifyPinned(pool),
	}
}

// LoadTLS reads an enrolled terminal's credentials from dir: its client certificate
// and key, and the pinned central CA.
func LoadTLS(dir string) (*tls.Config, error) {
	cert, err := tls.LoadX509KeyPair(config.ClientCert(dir), config.ClientKey(dir))
	if err != nil {
		return nil, fmt.Errorf("terminal credentials: %w", err)
	}
	caPEM, err := os.ReadFile(config.CentralCA(dir))
	if err != nil {
		return nil, fmt.Errorf("central CA: %w", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(caPEM) {
		return nil, fmt.Errorf("central CA %s: no certificate", config.CentralCA(dir))
	}
	c := pinnedConfig(pool)
	c.Certificates = []tls.Certificate{cert}
	return c, nil
}

// newTerminalKey makes the terminal's key pair and a certificate request for it.
func newTerminalKey() (keyPEM, csrDER []byte, err error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	csrDER, err = x509.CreateCertificateRequest(rand.Reader, &x509.CertificateRequest{Subject: pkix.Name{CommonName: "onecard terminal"}}, key)
	if err != nil {
		return nil, nil, err
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), csrDER, nil
}

func certPEM(der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}

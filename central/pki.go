package central

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"fmt"
	"math/big"
	"net"
	"time"
)

// Validity of the certificates central makes.
const (
	caValidity     = 20 * 365 * 24 * time.Hour
	serverValidity = 10 * 365 * 24 * time.Hour
	clientValidity = 5 * 365 * 24 * time.Hour
)

// authority is central's private CA: it signs central's server certificate and each
// terminal's client certificate.
type authority struct {
	cert *x509.Certificate
	key  crypto.Signer
}

func newKey() (*ecdsa.PrivateKey, error) { return ecdsa.GenerateKey(elliptic.P256(), rand.Reader) }

func serialNumber() (*big.Int, error) {
	return rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
}

// newCA makes a self-signed CA; it returns the certificate and key, DER, base64.
func newCA(now time.Time) (certB64, keyB64 string, err error) {
	tmpl := &x509.Certificate{
		Subject:   pkix.Name{CommonName: "onecard central CA"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(caValidity),
		IsCA: true, BasicConstraintsValid: true, MaxPathLenZero: true,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
	}
	return issue(tmpl, nil, nil)
}

// issue makes a new key and a certificate for it from tmpl, signed by parent's key, or
// self-signed when parent is nil; it returns the certificate and key, DER, base64.
func issue(tmpl, parent *x509.Certificate, parentKey crypto.Signer) (certB64, keyB64 string, err error) {
	key, err := newKey()
	if err != nil {
		return "", "", err
	}
	if tmpl.SerialNumber, err = serialNumber(); err != nil {
		return "", "", err
	}
	if parent == nil {
		parent, parentKey = tmpl, key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, key.Public(), parentKey)
	if err != nil {
		return "", "", fmt.Errorf("create certificate %q: %w", tmpl.Subject.CommonName, err)
	}
	kd, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return "", "", err
	}
	return base64.StdEncoding.EncodeToString(der), base64.StdEncoding.EncodeToString(kd), nil
}

func parseAuthority(certB64, keyB64 string) (authority, error) {
	der, err := base64.StdEncoding.DecodeString(certB64)
	if err != nil {
		return authority{}, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return authority{}, fmt.Errorf("central CA: %w", err)
	}
	kd, err := base64.StdEncoding.DecodeString(keyB64)
	if err != nil {
		return authority{}, err
	}
	k, err := x509.ParsePKCS8PrivateKey(kd)
	if err != nil {
		return authority{}, fmt.Errorf("central CA key: %w", err)
	}
	signer, ok := k.(crypto.Signer)
	if !ok {
		return authority{}, fmt.Errorf("central CA key: %T cannot sign", k)
	}
	return authority{cert: cert, key: signer}, nil
}

// serverCert makes central's TLS certificate for the given host names and addresses.
// Terminals check it against the pinned CA only (see sync.PinnedTLS), so the names
// matter only to other clients such as a browser reading /metrics.
func (a authority) serverCert(hosts []string, now time.Time) (certB64, keyB64 string, err error) {
	tmpl := &x509.Certificate{
		Subject:   pkix.Name{CommonName: "onecard central"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(serverValidity),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	for _, h := range hosts {
		if ip := net.ParseIP(h); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else if h != "" {
			tmpl.DNSNames = append(tmpl.DNSNames, h)
		}
	}
	return issue(tmpl, a.cert, a.key)
}

// tlsCertificate returns the server certificate with the CA in its chain, so a
// terminal enrolling can match the CA against the fingerprint in its code.
func (a authority) tlsCertificate(certB64, keyB64 string) (tls.Certificate, error) {
	s, err := parseAuthority(certB64, keyB64)
	if err != nil {
		return tls.Certificate{}, err
	}
	return tls.Certificate{Certificate: [][]byte{s.cert.Raw, a.cert.Raw}, PrivateKey: s.key, Leaf: s.cert}, nil
}

// signTerminal issues a terminal's client certificate for the key in its request.
func (a authority) signTerminal(csrDER []byte, terminalID, branch, region string, now time.Time) ([]byte, *big.Int, error) {
	csr, err := x509.ParseCertificateRequest(csrDER)
	if err != nil {
		return nil, nil, fmt.Errorf("certificate request: %w", err)
	}
	if err := csr.CheckSignature(); err != nil {
		return nil, nil, fmt.Errorf("certificate request: %w", err)
	}
	sn, err := serialNumber()
	if err != nil {
		return nil, nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: sn,
		Subject:      pkix.Name{CommonName: terminalID, OrganizationalUnit: []string{branch}, Locality: []string{region}},
		NotBefore:    now.Add(-time.Hour), NotAfter: now.Add(clientValidity),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, a.cert, csr.PublicKey, a.key)
	if err != nil {
		return nil, nil, fmt.Errorf("sign terminal certificate: %w", err)
	}
	return der, sn, nil
}

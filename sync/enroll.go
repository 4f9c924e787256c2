package sync

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"

	"onecard/config"
)

// Enroll makes this terminal known to central: it creates the terminal's key pair,
// redeems the one-time code for a client certificate, pins central's CA (the one whose
// fingerprint the code carries) and writes config.json and the credential files into
// dir, readable by their owner only. Existing settings in config.json are kept.
func Enroll(ctx context.Context, dir, centralURL, code string) (config.Config, error) {
	c, err := ParseCode(code)
	if err != nil {
		return config.Config{}, err
	}
	centralURL = strings.TrimRight(centralURL, "/")
	if !strings.HasPrefix(centralURL, "https://") {
		return config.Config{}, fmt.Errorf("central address %q: want https://host:port", centralURL)
	}
	keyPEM, csr, err := newTerminalKey()
	if err != nil {
		return config.Config{}, err
	}
	body, err := json.Marshal(EnrollRequest{CodeID: c.ID, Secret: c.Secret, CSR: csr})
	if err != nil {
		return config.Config{}, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, centralURL+PathEnroll, bytes.NewReader(body))
	if err != nil {
		return config.Config{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: codePinnedConfig(c.CAFingerprint)}}
	defer hc.CloseIdleConnections()
	resp, err := hc.Do(req)
	if err != nil {
		return config.Config{}, fmt.Errorf("enroll at %s: %w", centralURL, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return config.Config{}, answerError(resp)
	}
	var er EnrollResponse
	if err := json.NewDecoder(resp.Body).Decode(&er); err != nil {
		return config.Config{}, fmt.Errorf("enrollment answer: %w", err)
	}
	if CAFingerprint(er.CA) != c.CAFingerprint {
		return config.Config{}, errors.New("enrollment answer: CA does not match the code's fingerprint")
	}
	if len(er.TrustRoot) != ed25519.PublicKeySize {
		return config.Config{}, errors.New("enrollment answer: no trust root")
	}
	if _, err := x509.ParseCertificate(er.Certificate); err != nil {
		return config.Config{}, fmt.Errorf("enrollment answer: %w", err)
	}
	return saveEnrollment(dir, centralURL, keyPEM, er)
}

// codePinnedConfig accepts, during enrollment, only a server whose chain contains the
// CA named by the code's fingerprint.
func codePinnedConfig(fingerprint string) *tls.Config {
	c := pinnedConfig(x509.NewCertPool())
	c.VerifyConnection = func(cs tls.ConnectionState) error {
		for _, cert := range cs.PeerCertificates {
			if cert.IsCA && CAFingerprint(cert.Raw) == fingerprint {
				pool := x509.NewCertPool()
				pool.AddCert(cert)
				return verifyPinned(pool)(cs)
			}
		}
		return errors.New("central's CA does not match the enrollment code: wrong address, or an impostor")
	}
	return c
}

func saveEnrollment(dir, centralURL string, keyPEM []byte, er EnrollResponse) (config.Config, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return config.Config{}, err
	}
	cfg, err := config.Load(dir)
	if err != nil && !errors.Is(err, config.ErrNoConfig) {
		return cfg, err
	}
	for path, data := range map[string][]byte{
		config.ClientKey(dir):  keyPEM,
		config.ClientCert(dir): certPEM(er.Certificate),
		config.CentralCA(dir):  certPEM(er.CA),
	} {
		if err := os.WriteFile(path, data, 0o600); err != nil {
			return cfg, err
		}
	}
	cfg.TerminalID, cfg.Branch, cfg.Region, cfg.CentralURL = er.TerminalID, er.Branch, er.Region, centralURL
	cfg.TrustRoot = base64.StdEncoding.EncodeToString(er.TrustRoot)
	return cfg, config.Save(dir, cfg)
}

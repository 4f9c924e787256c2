package config

import "path/filepath"

// Credential files an enrolled terminal keeps in its data directory, readable by its
// owner only.
func ClientCert(dir string) string { return filepath.Join(dir, "terminal.crt") } // PEM, signed by central's CA
func ClientKey(dir string) string  { return filepath.Join(dir, "terminal.key") } // PEM, PKCS#8
func CentralCA(dir string) string  { return filepath.Join(dir, "central-ca.crt") }

// Enrolled reports whether the configuration names a central and a terminal identity.
func (c Config) Enrolled() bool { return c.CentralURL != "" && c.TerminalID != "" }

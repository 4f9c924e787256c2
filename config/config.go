// Package config reads and writes a terminal's configuration (DIR/config.json) and
// names the files of a data directory.
package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"onecard/pin"
)

// Duration is a time.Duration written as "15m" in JSON.
type Duration time.Duration

// MarshalJSON writes the duration as text.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

// UnmarshalJSON reads "15m", "90s", ...
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("duration: %w", err)
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("duration %q: %w", s, err)
	}
	*d = Duration(v)
	return nil
}

// D returns the time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

// Lockout: after MaxFailures wrong PINs the account is locked for Duration.
type Lockout struct {
	MaxFailures int      `json:"max_failures"`
	Duration    Duration `json:"duration"`
}

// Scanners names the attached devices; empty means none.
type Scanners struct {
	Serial     string `json:"serial,omitempty"`
	Baud       int    `json:"baud,omitempty"`
	Evdev      string `json:"evdev,omitempty"`
	Camera     string `json:"camera,omitempty"`
	WedgeGapMS int    `json:"wedge_gap_ms,omitempty"` // max gap between keys of a keyboard-wedge burst
}

// Config is one terminal's configuration.
type Config struct {
	TerminalID   string    `json:"terminal_id"`
	Branch       string    `json:"branch"`
	Region       string    `json:"region"`
	CentralURL   string    `json:"central_url,omitempty"`
	Demo         bool      `json:"demo,omitempty"`
	Language     string    `json:"language"` // zh or en, the start-up language
	TimeZone     string    `json:"time_zone"`
	IdleLock     Duration  `json:"idle_lock"`
	Lockout      Lockout   `json:"lockout"`
	PINRules     pin.Rules `json:"pin_rules"`
	TrustRoot    string    `json:"trust_root,omitempty"` // pinned root public key, base64
	MaxBundleAge Duration  `json:"max_bundle_age"`
	CodeTTL      Duration  `json:"code_ttl"`
	ClockSkew    Duration  `json:"clock_skew"`
	Scanners     Scanners  `json:"scanners"`
}

// Default is the configuration of a new terminal.
func Default() Config {
	return Config{
		Language:     "zh",
		TimeZone:     "Asia/Shanghai",
		IdleLock:     Duration(5 * time.Minute),
		Lockout:      Lockout{MaxFailures: 5, Duration: Duration(15 * time.Minute)},
		PINRules:     pin.DefaultRules(),
		MaxBundleAge: Duration(7 * 24 * time.Hour),
		CodeTTL:      Duration(60 * time.Second),
		ClockSkew:    Duration(30 * time.Second),
		Scanners:     Scanners{Baud: 9600, WedgeGapMS: 30},
	}
}

// File names inside a data directory.
func File(dir string) string      { return filepath.Join(dir, "config.json") }
func KioskDB(dir string) string   { return filepath.Join(dir, "kiosk.db") }
func CentralDB(dir string) string { return filepath.Join(dir, "central.db") }

// ErrNoConfig means the directory has no config.json yet.
var ErrNoConfig = errors.New("no config.json: run onecard seed or onecard enroll first")

// Load reads DIR/config.json over the defaults.
func Load(dir string) (Config, error) {
	c := Default()
	b, err := os.ReadFile(File(dir))
	if errors.Is(err, os.ErrNotExist) {
		return c, fmt.Errorf("%s: %w", dir, ErrNoConfig)
	}
	if err != nil {
		return c, err
	}
	if err := json.Unmarshal(b, &c); err != nil {
		return c, fmt.Errorf("%s: %w", File(dir), err)
	}
	return c, nil
}

// Location returns the terminal's time zone (the counter's calendar day).
func (c Config) Location() *time.Location {
	if loc, err := time.LoadLocation(c.TimeZone); err == nil {
		return loc
	}
	return time.FixedZone("CST", 8*3600) // China has one zone; tzdata may be missing on a kiosk
}

// Save writes DIR/config.json atomically (write then rename), readable by its owner only.
func Save(dir string, c Config) error {
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err
	}
	tmp := File(dir) + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, File(dir))
}

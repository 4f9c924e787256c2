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
	if err := c.Validate(); err != nil {
		return c, fmt.Errorf("%s: %w", File(dir), err)
	}
	return c, nil
}

// ErrInvalid marks a config value that would switch off a safeguard or cannot work.
var ErrInvalid = errors.New("invalid setting")

// Validate refuses settings that would weaken the kiosk's safeguards (no idle lock, no
// lockout, PINs of any length) or that no terminal could run with.
func (c Config) Validate() error {
	bad := func(key string, v any, why string) error {
		return fmt.Errorf("%w: %s = %v: %s", ErrInvalid, key, v, why)
	}
	switch {
	case c.Language != "zh" && c.Language != "en":
		return bad("language", c.Language, "zh or en")
	case c.IdleLock.D() <= 0 || c.IdleLock.D() > 8*time.Hour:
		return bad("idle_lock", c.IdleLock.D(), "between 1s and 8h")
	case c.Lockout.MaxFailures < 1 || c.Lockout.MaxFailures > 20:
		return bad("lockout.max_failures", c.Lockout.MaxFailures, "between 1 and 20")
	case c.Lockout.Duration.D() < time.Minute:
		return bad("lockout.duration", c.Lockout.Duration.D(), "at least 1m")
	case c.PINRules.MinLength < 4 || (c.PINRules.MaxLength != 0 && c.PINRules.MaxLength < c.PINRules.MinLength):
		return bad("pin_rules", fmt.Sprintf("%d-%d", c.PINRules.MinLength, c.PINRules.MaxLength), "at least 4 characters, max not below min")
	case c.MaxBundleAge.D() <= 0:
		return bad("max_bundle_age", c.MaxBundleAge.D(), "must be positive")
	case c.CodeTTL.D() <= 0 || c.ClockSkew.D() < 0:
		return bad("code_ttl/clock_skew", fmt.Sprintf("%s/%s", c.CodeTTL.D(), c.ClockSkew.D()), "TTL positive, skew not negative")
	case c.Scanners.Baud < 0 || c.Scanners.WedgeGapMS < 0:
		return bad("scanners", fmt.Sprintf("baud %d, wedge gap %d", c.Scanners.Baud, c.Scanners.WedgeGapMS), "not negative")
	}
	return nil
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

// Package pin hashes and checks staff PINs (argon2id, PHC string format) and enforces
// the configurable PIN rules. It never stores or logs a PIN.
package pin

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Params are the argon2id cost settings; the defaults follow OWASP's recommendation of
// 19 MiB, 2 passes, 1 lane, which keeps a login well under a second on a counter PC.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
}

// DefaultParams are used for new hashes.
func DefaultParams() Params { return Params{Memory: 19 * 1024, Time: 2, Threads: 1} }

const (
	saltLen = 16
	keyLen  = 32
)

// ErrMalformedHash means a stored hash is not an argon2id PHC string this package wrote.
var ErrMalformedHash = errors.New("malformed PIN hash")

// Hash returns an argon2id PHC string for pin with a fresh random salt.
func Hash(pin string, p Params) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("pin salt: %w", err)
	}
	key := argon2.IDKey([]byte(pin), salt, p.Time, p.Memory, p.Threads, keyLen)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// Verify reports whether pin matches the PHC string, in constant time.
func Verify(hash, pin string) (bool, error) {
	p, salt, want, err := parseHash(hash)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(pin), salt, p.Time, p.Memory, p.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// parseHash reads a PHC string in the one spelling Hash writes: every number in plain
// decimal and base64 without line breaks or stray bits, so that two different texts
// never stand for the same hash.
func parseHash(hash string) (p Params, salt, key []byte, err error) {
	bad := func(what string) (Params, []byte, []byte, error) {
		return Params{}, nil, nil, fmt.Errorf("%w: %s", ErrMalformedHash, what)
	}
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return bad("want $argon2id$v=...$m=...,t=...,p=...$salt$key")
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || parts[2] != fmt.Sprintf("v=%d", version) || version != argon2.Version {
		return bad(fmt.Sprintf("version %q, want v=%d", parts[2], argon2.Version))
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil ||
		parts[3] != fmt.Sprintf("m=%d,t=%d,p=%d", p.Memory, p.Time, p.Threads) {
		return bad(fmt.Sprintf("parameters %q", parts[3]))
	}
	// A stored hash must not make a login allocate more than 256 MiB (an edited store
	// could otherwise exhaust the counter PC's memory).
	if p.Memory == 0 || p.Memory > 1<<18 || p.Time == 0 || p.Time > 16 || p.Threads == 0 {
		return bad(fmt.Sprintf("parameters %q out of range", parts[3]))
	}
	enc := base64.RawStdEncoding
	salt, err = enc.DecodeString(parts[4])
	if err != nil || len(salt) < 8 || len(salt) > 64 || enc.EncodeToString(salt) != parts[4] {
		return bad("salt")
	}
	key, err = enc.DecodeString(parts[5])
	if err != nil || len(key) < 16 || len(key) > 64 || enc.EncodeToString(key) != parts[5] {
		return bad("key")
	}
	return p, salt, key, nil
}

// Rules say what a PIN must look like. They are configuration, not constants.
type Rules struct {
	MinLength  int  `json:"min_length"`
	MaxLength  int  `json:"max_length"`
	DigitsOnly bool `json:"digits_only"`
	RejectWeak bool `json:"reject_weak"` // all one digit, or a straight run like 123456
}

// DefaultRules: six to twelve digits, no trivially guessable ones.
func DefaultRules() Rules {
	return Rules{MinLength: 6, MaxLength: 12, DigitsOnly: true, RejectWeak: true}
}

// Rule violations.
var (
	ErrTooShort  = errors.New("PIN too short")
	ErrTooLong   = errors.New("PIN too long")
	ErrNotDigits = errors.New("PIN must be digits only")
	ErrWeak      = errors.New("PIN too easy to guess")
)

// Check returns the first rule pin breaks, or nil.
func (r Rules) Check(pin string) error {
	switch {
	case len(pin) < r.MinLength:
		return ErrTooShort
	case r.MaxLength > 0 && len(pin) > r.MaxLength:
		return ErrTooLong
	case r.DigitsOnly && strings.Trim(pin, "0123456789") != "":
		return ErrNotDigits
	case r.RejectWeak && weak(pin):
		return ErrWeak
	}
	return nil
}

// weak: every character the same, or each one step up or down from the one before.
func weak(pin string) bool {
	if len(pin) < 2 {
		return true
	}
	same, up, down := true, true, true
	for i := 1; i < len(pin); i++ {
		d := int(pin[i]) - int(pin[i-1])
		same = same && d == 0
		up = up && d == 1
		down = down && d == -1
	}
	return same || up || down
}

package credential

import (
	"crypto/ed25519"
	"fmt"
	"time"

	"onecard/identity"
)

// Claims is what an issuer signs: the facts the verifier shows, the credential's own
// id and lifetime, and for an e-SSC credential the holder's device key. Integer map
// keys keep the QR small; dates are ISO 8601 calendar dates, times Unix seconds.
type Claims struct {
	Kind        Use    `cbor:"1,keyasint"`
	ID          string `cbor:"2,keyasint"`
	IssuedAt    int64  `cbor:"3,keyasint"`
	Expires     int64  `cbor:"4,keyasint"`
	Permit      string `cbor:"5,keyasint"`
	Surname     string `cbor:"6,keyasint"` // MRZ form: A-Z and '<'
	GivenNames  string `cbor:"7,keyasint"` // MRZ form, may be empty
	Nationality string `cbor:"8,keyasint"` // ISO 3166-1 alpha-3
	BirthDate   string `cbor:"9,keyasint"`
	Category    string `cbor:"10,keyasint"` // A, B or C
	Employer    string `cbor:"11,keyasint"`
	ValidFrom   string `cbor:"12,keyasint"`
	ValidUntil  string `cbor:"13,keyasint"`
	DeviceKey   []byte `cbor:"14,keyasint,omitempty"` // Ed25519, e-SSC only
}

// IssuedAtTime and ExpiresTime return the claims' instants.
func (c Claims) IssuedAtTime() time.Time { return time.Unix(c.IssuedAt, 0).UTC() }
func (c Claims) ExpiresTime() time.Time  { return time.Unix(c.Expires, 0).UTC() }

const dateLayout = "2006-01-02"

// check enforces the claim rules after decoding, so a payload that is well-formed CBOR
// but says nonsense is malformed before any key is consulted.
func (c Claims) check(kind Use) error {
	if c.Kind != kind {
		return fmt.Errorf("%w: claims of kind %q inside a %q code", ErrMalformed, c.Kind, kind)
	}
	if !isCredentialID(c.ID) {
		return fmt.Errorf("%w: credential id %q", ErrMalformed, c.ID)
	}
	if c.Expires <= c.IssuedAt {
		return fmt.Errorf("%w: expires %d not after issued %d", ErrMalformed, c.Expires, c.IssuedAt)
	}
	if err := identity.CheckPermitNumber(c.Permit); err != nil {
		return fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	if c.Surname == "" || !isMRZText(c.Surname) || !isMRZText(c.GivenNames) {
		return fmt.Errorf("%w: name %q, %q is not in MRZ form", ErrMalformed, c.Surname, c.GivenNames)
	}
	if len(c.Nationality) != 3 || !isUpper(c.Nationality) {
		return fmt.Errorf("%w: nationality %q", ErrMalformed, c.Nationality)
	}
	if c.Category != "A" && c.Category != "B" && c.Category != "C" {
		return fmt.Errorf("%w: category %q", ErrMalformed, c.Category)
	}
	if c.Employer == "" || len(c.Employer) > 256 {
		return fmt.Errorf("%w: employer name must be 1-256 bytes", ErrMalformed)
	}
	if err := checkDates(c.BirthDate, c.ValidFrom, c.ValidUntil); err != nil {
		return err
	}
	switch {
	case kind == UseESSC && len(c.DeviceKey) != ed25519.PublicKeySize:
		return fmt.Errorf("%w: e-SSC device key of %d bytes", ErrMalformed, len(c.DeviceKey))
	case kind == UseNotice && c.DeviceKey != nil:
		return fmt.Errorf("%w: notice carries a device key", ErrMalformed)
	}
	return nil
}

func checkDates(birth, from, until string) error {
	var ts [3]time.Time
	for i, s := range []string{birth, from, until} {
		t, err := time.Parse(dateLayout, s)
		if err != nil {
			return fmt.Errorf("%w: date %q: %w", ErrMalformed, s, err)
		}
		ts[i] = t
	}
	if ts[2].Before(ts[1]) {
		return fmt.Errorf("%w: permit valid until %s before %s", ErrMalformed, until, from)
	}
	return nil
}

// isCredentialID accepts the issuer's ids: 1-32 characters of the RFC 4648 base32
// alphabet, which also keeps them printable in logs and the revocation list.
func isCredentialID(s string) bool {
	if s == "" || len(s) > 32 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !(s[i] >= 'A' && s[i] <= 'Z') && !(s[i] >= '2' && s[i] <= '7') {
			return false
		}
	}
	return true
}

func isMRZText(s string) bool {
	for i := 0; i < len(s); i++ {
		if !(s[i] >= 'A' && s[i] <= 'Z') && s[i] != '<' {
			return false
		}
	}
	return true
}

func isUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

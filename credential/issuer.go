package credential

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"fmt"
	"time"

	"onecard/identity"
)

var (
	ErrNoSigningKey = errors.New("no issuer key valid for this use and time")
	ErrPermit       = errors.New("permit cannot be issued a credential")
)

// Permit is what the issuer needs to know about a work permit and its holder. Names
// may be given in any Latin spelling; they are written in MRZ form. Dates are
// YYYY-MM-DD.
type Permit struct {
	Number      string
	Surname     string
	GivenNames  string
	Nationality string
	BirthDate   string
	Category    string
	Employer    string
	ValidFrom   string
	ValidUntil  string
}

// Issuer signs credentials with the newest key that is valid for the use, so keys can
// be rotated by adding a key whose validity starts later.
type Issuer struct {
	keys []IssuerKey
	d    *Decoder
}

// NewIssuer builds an Issuer over its keys.
func NewIssuer(keys ...IssuerKey) (*Issuer, error) {
	for _, k := range keys {
		if k.Private == nil {
			return nil, fmt.Errorf("%w: key %s has no private key", ErrKey, k.ID)
		}
		if err := k.check(); err != nil {
			return nil, err
		}
	}
	d, err := NewDecoder()
	if err != nil {
		return nil, err
	}
	return &Issuer{keys: keys, d: d}, nil
}

// Key returns the key that signs credentials of kind use at time at: among the keys
// valid then and allowed that use, the one whose validity started last.
func (is *Issuer) Key(use Use, at time.Time) (IssuerKey, error) {
	best := -1
	for i, k := range is.keys {
		if !k.ValidAt(at) || !k.Allows(use) {
			continue
		}
		if best < 0 || !k.NotBefore.Before(is.keys[best].NotBefore) {
			best = i
		}
	}
	if best < 0 {
		return IssuerKey{}, fmt.Errorf("%w: %s at %s", ErrNoSigningKey, use, at.UTC().Format(time.RFC3339))
	}
	return is.keys[best], nil
}

// IssueNotice mints a static WPN1 code for the permit, valid until the permit ends.
func (is *Issuer) IssueNotice(p Permit, at time.Time) (string, error) {
	key, err := is.Key(UseNotice, at)
	if err != nil {
		return "", err
	}
	c, err := newClaims(p, UseNotice, at, nil)
	if err != nil {
		return "", err
	}
	cose, err := is.signClaims(key, c)
	if err != nil {
		return "", err
	}
	return encodePayload(PrefixNotice, cose)
}

// IssueESSC signs the e-SSC credential binding the permit to the holder's device key.
// The result is the COSE_Sign1 the phone keeps and embeds in every dynamic code.
func (is *Issuer) IssueESSC(p Permit, device ed25519.PublicKey, at time.Time) ([]byte, error) {
	key, err := is.Key(UseESSC, at)
	if err != nil {
		return nil, err
	}
	c, err := newClaims(p, UseESSC, at, device)
	if err != nil {
		return nil, err
	}
	return is.signClaims(key, c)
}

// NewHolder simulates a holder's phone: it makes a device key pair and has the e-SSC
// credential issued to it.
func (is *Issuer) NewHolder(p Permit, at time.Time) (*Holder, error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generate device key: %w", err)
	}
	cred, err := is.IssueESSC(p, pub, at)
	if err != nil {
		return nil, err
	}
	return NewHolder(priv, cred)
}

// signClaims encodes claims deterministically and signs them with key.
func (is *Issuer) signClaims(key IssuerKey, c Claims) ([]byte, error) {
	body, err := is.d.c.encode(c)
	if err != nil {
		return nil, err
	}
	return sign(key.Alg, key.ID, key.Private, body)
}

func newClaims(p Permit, kind Use, at time.Time, device ed25519.PublicKey) (Claims, error) {
	until, err := time.Parse(dateLayout, p.ValidUntil)
	if err != nil {
		return Claims{}, fmt.Errorf("%w: valid until %q: %w", ErrPermit, p.ValidUntil, err)
	}
	// The permit is valid through its last day in China; the code expires at the
	// following midnight, Beijing time.
	end := time.Date(until.Year(), until.Month(), until.Day()+1, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))
	if !at.Before(end) {
		return Claims{}, fmt.Errorf("%w: permit %s ended %s", ErrPermit, p.Number, p.ValidUntil)
	}
	id, err := newCredentialID()
	if err != nil {
		return Claims{}, err
	}
	c := Claims{
		Kind: kind, ID: id, IssuedAt: at.Unix(), Expires: end.Unix(),
		Permit: p.Number, Surname: identity.MRZName(p.Surname), GivenNames: identity.MRZName(p.GivenNames),
		Nationality: p.Nationality, BirthDate: p.BirthDate, Category: p.Category, Employer: p.Employer,
		ValidFrom: p.ValidFrom, ValidUntil: p.ValidUntil,
	}
	if device != nil {
		c.DeviceKey = []byte(device)
	}
	if err := c.check(kind); err != nil {
		return Claims{}, fmt.Errorf("%w: %w", ErrPermit, err)
	}
	return c, nil
}

// newCredentialID returns 80 random bits in base32: unique enough for a national
// revocation list and short in a QR code.
func newCredentialID() (string, error) {
	var b [10]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("credential id: %w", err)
	}
	return base32.StdEncoding.EncodeToString(b[:]), nil
}

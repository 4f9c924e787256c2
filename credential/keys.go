package credential

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/veraison/go-cose"
)

// The algorithms onecard signs and accepts; anything else in a protected header is
// rejected before a key is looked at.
const (
	AlgEdDSA = cose.AlgorithmEdDSA
	AlgES256 = cose.AlgorithmES256
)

func algAllowed(a cose.Algorithm) bool { return a == AlgEdDSA || a == AlgES256 }

// Use is what an issuer key may sign, and what kind of credential a code carries.
type Use string

const (
	UseNotice Use = "notice" // WPN1: Notification-Letter / permit codes
	UseESSC   Use = "essc"   // ESC1: e-SSC dynamic codes
)

func (u Use) valid() bool { return u == UseNotice || u == UseESSC }

// ErrKey marks an unusable key or key encoding.
var ErrKey = errors.New("invalid key")

// KeyInfo is the public half of an issuer key: what a trust bundle carries.
type KeyInfo struct {
	ID        string
	Alg       cose.Algorithm
	Public    crypto.PublicKey
	NotBefore time.Time
	NotAfter  time.Time
	Uses      []Use
}

// Allows reports whether the key may sign credentials of kind u.
func (k KeyInfo) Allows(u Use) bool { return slices.Contains(k.Uses, u) }

// ValidAt reports whether t lies in [NotBefore, NotAfter].
func (k KeyInfo) ValidAt(t time.Time) bool {
	return !t.Before(k.NotBefore) && !t.After(k.NotAfter)
}

// IssuerKey is a signing key held by central.
type IssuerKey struct {
	KeyInfo
	Private crypto.Signer
}

// GenerateIssuerKey makes a new Ed25519 or P-256 issuer key.
func GenerateIssuerKey(id string, alg cose.Algorithm, notBefore, notAfter time.Time, uses ...Use) (IssuerKey, error) {
	var priv crypto.Signer
	switch alg {
	case AlgEdDSA:
		_, k, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			return IssuerKey{}, fmt.Errorf("generate ed25519: %w", err)
		}
		priv = k
	case AlgES256:
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			return IssuerKey{}, fmt.Errorf("generate p-256: %w", err)
		}
		priv = k
	default:
		return IssuerKey{}, fmt.Errorf("%w: algorithm %v not allowed", ErrKey, alg)
	}
	k := IssuerKey{
		KeyInfo: KeyInfo{ID: id, Alg: alg, Public: priv.Public(), NotBefore: notBefore.Truncate(time.Second),
			NotAfter: notAfter.Truncate(time.Second), Uses: slices.Clone(uses)},
		Private: priv,
	}
	if err := k.check(); err != nil {
		return IssuerKey{}, err
	}
	return k, nil
}

// check validates the public description; key material is checked against Alg so that
// a bundle cannot pair an EdDSA header with a P-256 key.
func (k KeyInfo) check() error {
	if k.ID == "" || len(k.ID) > 64 {
		return fmt.Errorf("%w: key id %q must be 1-64 bytes", ErrKey, k.ID)
	}
	if !k.NotAfter.After(k.NotBefore) {
		return fmt.Errorf("%w: key %s: not_after must follow not_before", ErrKey, k.ID)
	}
	if len(k.Uses) == 0 {
		return fmt.Errorf("%w: key %s has no allowed use", ErrKey, k.ID)
	}
	for _, u := range k.Uses {
		if !u.valid() {
			return fmt.Errorf("%w: key %s: unknown use %q", ErrKey, k.ID, u)
		}
	}
	switch pub := k.Public.(type) {
	case ed25519.PublicKey:
		if k.Alg != AlgEdDSA || len(pub) != ed25519.PublicKeySize {
			return fmt.Errorf("%w: key %s: ed25519 key with algorithm %v", ErrKey, k.ID, k.Alg)
		}
	case *ecdsa.PublicKey:
		if k.Alg != AlgES256 || pub.Curve != elliptic.P256() {
			return fmt.Errorf("%w: key %s: ecdsa key with algorithm %v", ErrKey, k.ID, k.Alg)
		}
	default:
		return fmt.Errorf("%w: key %s: unsupported public key %T", ErrKey, k.ID, k.Public)
	}
	return nil
}

// keyWire is the CBOR form of a key: PKIX for a public key, PKCS#8 for a private one,
// so a store can persist keys as opaque bytes.
type keyWire struct {
	ID        string   `cbor:"1,keyasint"`
	Alg       int64    `cbor:"2,keyasint"`
	Key       []byte   `cbor:"3,keyasint"`
	NotBefore int64    `cbor:"4,keyasint"`
	NotAfter  int64    `cbor:"5,keyasint"`
	Uses      []string `cbor:"6,keyasint"`
}

func (k KeyInfo) wire(der []byte) keyWire {
	uses := make([]string, len(k.Uses))
	for i, u := range k.Uses {
		uses[i] = string(u)
	}
	return keyWire{ID: k.ID, Alg: int64(k.Alg), Key: der, NotBefore: k.NotBefore.Unix(),
		NotAfter: k.NotAfter.Unix(), Uses: uses}
}

func (w keyWire) info() KeyInfo {
	uses := make([]Use, len(w.Uses))
	for i, u := range w.Uses {
		uses[i] = Use(u)
	}
	return KeyInfo{ID: w.ID, Alg: cose.Algorithm(w.Alg), NotBefore: time.Unix(w.NotBefore, 0).UTC(),
		NotAfter: time.Unix(w.NotAfter, 0).UTC(), Uses: uses}
}

func (k KeyInfo) publicWire() (keyWire, error) {
	der, err := x509.MarshalPKIXPublicKey(k.Public)
	if err != nil {
		return keyWire{}, fmt.Errorf("%w: key %s: %w", ErrKey, k.ID, err)
	}
	return k.wire(der), nil
}

func (w keyWire) publicInfo() (KeyInfo, error) {
	info := w.info()
	pub, err := x509.ParsePKIXPublicKey(w.Key)
	if err != nil {
		return KeyInfo{}, fmt.Errorf("%w: key %s: %w", ErrKey, w.ID, err)
	}
	info.Public = pub
	if err := info.check(); err != nil {
		return KeyInfo{}, err
	}
	return info, nil
}

// MarshalBinary encodes the public key description (CBOR with a PKIX key).
func (k KeyInfo) MarshalBinary() ([]byte, error) {
	c, err := newCodec(16)
	if err != nil {
		return nil, err
	}
	w, err := k.publicWire()
	if err != nil {
		return nil, err
	}
	return c.encode(w)
}

// ParseKeyInfo decodes what KeyInfo.MarshalBinary produced.
func ParseKeyInfo(b []byte) (KeyInfo, error) {
	c, err := newCodec(16)
	if err != nil {
		return KeyInfo{}, err
	}
	var w keyWire
	if err := c.decode(b, &w); err != nil {
		return KeyInfo{}, fmt.Errorf("parse key: %w", err)
	}
	return w.publicInfo()
}

// MarshalBinary encodes the whole issuer key (CBOR with a PKCS#8 private key).
func (k IssuerKey) MarshalBinary() ([]byte, error) {
	c, err := newCodec(16)
	if err != nil {
		return nil, err
	}
	der, err := x509.MarshalPKCS8PrivateKey(k.Private)
	if err != nil {
		return nil, fmt.Errorf("%w: key %s: %w", ErrKey, k.ID, err)
	}
	return c.encode(k.wire(der))
}

// ParseIssuerKey decodes what IssuerKey.MarshalBinary produced.
func ParseIssuerKey(b []byte) (IssuerKey, error) {
	c, err := newCodec(16)
	if err != nil {
		return IssuerKey{}, err
	}
	var w keyWire
	if err := c.decode(b, &w); err != nil {
		return IssuerKey{}, fmt.Errorf("parse issuer key: %w", err)
	}
	priv, err := x509.ParsePKCS8PrivateKey(w.Key)
	if err != nil {
		return IssuerKey{}, fmt.Errorf("%w: key %s: %w", ErrKey, w.ID, err)
	}
	signer, ok := priv.(crypto.Signer)
	if !ok {
		return IssuerKey{}, fmt.Errorf("%w: key %s: %T cannot sign", ErrKey, w.ID, priv)
	}
	k := IssuerKey{KeyInfo: w.info(), Private: signer}
	k.Public = signer.Public()
	if err := k.check(); err != nil {
		return IssuerKey{}, err
	}
	return k, nil
}

// GenerateRootKey makes the Ed25519 root that signs trust bundles; its public half is
// pinned in each terminal's config.
func GenerateRootKey() (ed25519.PublicKey, ed25519.PrivateKey, error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, nil, fmt.Errorf("generate root key: %w", err)
	}
	return pub, priv, nil
}

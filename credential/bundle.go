package credential

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base32"
	"errors"
	"fmt"
	"time"
)

// MaxBundleSize caps a trust bundle file; a national revocation list of a few hundred
// thousand ids fits well within it.
const MaxBundleSize = 16 << 20

var (
	ErrBundleSignature = errors.New("trust bundle not signed by the pinned root")
	ErrBundleDowngrade = errors.New("trust bundle older than the installed one")
)

// Bundle is the trust a terminal verifies against: the issuer public keys and the
// revocation lists, versioned and dated by central.
type Bundle struct {
	Version            uint64
	IssuedAt           time.Time
	Keys               []KeyInfo
	RevokedCredentials []string
	RevokedKeys        []string
}

// Age is how old the bundle is at now; a negative age means the local clock is behind
// the central clock that issued it.
func (b *Bundle) Age(now time.Time) time.Duration { return now.Sub(b.IssuedAt) }

type bundleWire struct {
	Version            uint64    `cbor:"1,keyasint"`
	IssuedAt           int64     `cbor:"2,keyasint"`
	Keys               []keyWire `cbor:"3,keyasint"`
	RevokedCredentials []string  `cbor:"4,keyasint"`
	RevokedKeys        []string  `cbor:"5,keyasint"`
}

// bundleCodec allows arrays as long as a revocation list.
func bundleCodec() (codec, error) { return newCodec(1 << 20) }

// RootFingerprint names a root public key; it is the bundle's COSE key id, so a bundle
// from another root is recognised before its signature is tried.
func RootFingerprint(root ed25519.PublicKey) string {
	sum := sha256.Sum256(root)
	return base32.StdEncoding.EncodeToString(sum[:10])
}

// SignBundle encodes b and signs it with the root key (COSE_Sign1, EdDSA).
func SignBundle(b Bundle, root ed25519.PrivateKey) ([]byte, error) {
	if b.Version == 0 {
		return nil, fmt.Errorf("%w: bundle version must be positive", ErrMalformed)
	}
	c, err := bundleCodec()
	if err != nil {
		return nil, err
	}
	w := bundleWire{Version: b.Version, IssuedAt: b.IssuedAt.Unix(), Keys: make([]keyWire, 0, len(b.Keys)),
		RevokedCredentials: append([]string{}, b.RevokedCredentials...), RevokedKeys: append([]string{}, b.RevokedKeys...)}
	for _, k := range b.Keys {
		if err := k.check(); err != nil {
			return nil, err
		}
		kw, err := k.publicWire()
		if err != nil {
			return nil, err
		}
		w.Keys = append(w.Keys, kw)
	}
	body, err := c.encode(w)
	if err != nil {
		return nil, err
	}
	pub := root.Public().(ed25519.PublicKey)
	return sign(AlgEdDSA, RootFingerprint(pub), root, body)
}

// ParseBundle verifies a signed bundle against the pinned root and decodes it. A
// bundle whose version is below installed (the version in use, 0 if none) is refused
// so that an old bundle with fewer revocations cannot be replayed onto a terminal.
func ParseBundle(data []byte, root ed25519.PublicKey, installed uint64) (*Bundle, error) {
	if len(data) > MaxBundleSize {
		return nil, fmt.Errorf("%w: bundle of %d bytes", ErrTooLarge, len(data))
	}
	if len(root) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("%w: pinned root of %d bytes", ErrKey, len(root))
	}
	s, err := openSign1(data)
	if err != nil {
		return nil, fmt.Errorf("trust bundle: %w", err)
	}
	if s.alg != AlgEdDSA {
		return nil, fmt.Errorf("%w: algorithm %v", ErrBundleSignature, s.alg)
	}
	if want := RootFingerprint(root); s.kid != want {
		return nil, fmt.Errorf("%w: signed by root %s, pinned root is %s", ErrBundleSignature, s.kid, want)
	}
	if err := verifySign1(s, AlgEdDSA, root); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBundleSignature, err)
	}
	c, err := bundleCodec()
	if err != nil {
		return nil, err
	}
	var w bundleWire
	if err := c.decode(s.msg.Payload, &w); err != nil {
		return nil, fmt.Errorf("trust bundle: %w", err)
	}
	if w.Version == 0 {
		return nil, fmt.Errorf("%w: bundle version 0", ErrMalformed)
	}
	if w.Version < installed {
		return nil, fmt.Errorf("%w: version %d, installed %d", ErrBundleDowngrade, w.Version, installed)
	}
	b := &Bundle{Version: w.Version, IssuedAt: time.Unix(w.IssuedAt, 0).UTC(),
		RevokedCredentials: w.RevokedCredentials, RevokedKeys: w.RevokedKeys}
	for _, kw := range w.Keys {
		k, err := kw.publicInfo()
		if err != nil {
			return nil, fmt.Errorf("trust bundle: %w", err)
		}
		b.Keys = append(b.Keys, k)
	}
	return b, nil
}

package credential

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/veraison/go-cose"
)

// Payload prefixes. The digit is the format version: a code with a known family but
// another version is rejected as unsupported rather than guessed at.
const (
	PrefixNotice = "WPN1:"
	PrefixESSC   = "ESC1:"
)

// MaxPayloadChars is the most text a QR code can hold in alphanumeric mode (version
// 40, level L); anything longer did not come from a QR code.
const MaxPayloadChars = 4296

// NonceSize is the length of the holder's per-code nonce.
const NonceSize = 16

var (
	ErrUnknownPrefix      = errors.New("unknown payload prefix")
	ErrUnsupportedVersion = errors.New("unsupported payload version")
)

// DeviceProof is the holder phone's part of an ESC1 code: it signed (credential id,
// time, nonce) with the device key that the credential names.
type DeviceProof struct {
	Time      time.Time
	Nonce     []byte
	Signature []byte
}

// Payload is a decoded code whose structure is sound; nothing in it is trusted until a
// Verifier has checked it.
type Payload struct {
	Kind   Use
	Alg    cose.Algorithm
	KeyID  string
	Claims Claims
	Proof  *DeviceProof // ESC1 only

	sig signed
}

// esscEnvelope is the ESC1 body: the issuer-signed credential and the device proof.
type esscEnvelope struct {
	_          struct{} `cbor:",toarray"`
	Credential []byte
	Time       int64
	Nonce      []byte
	Signature  []byte
}

// Decoder parses payload text. It is immutable and safe for concurrent use.
type Decoder struct {
	c  codec
	in inflater
}

// NewDecoder builds a Decoder.
func NewDecoder() (*Decoder, error) {
	c, err := newCodec(16)
	if err != nil {
		return nil, err
	}
	return &Decoder{c: c}, nil
}

// Decode parses a scanned payload: prefix and version, Base45, zlib under the size
// cap, COSE_Sign1, and strict deterministic CBOR claims. Errors wrap ErrUnknownPrefix,
// ErrUnsupportedVersion, ErrTooLarge, ErrBase45, ErrMalformed or ErrNonCanonical.
func (d *Decoder) Decode(text string) (*Payload, error) {
	kind, body, err := splitPrefix(text)
	if err != nil {
		return nil, err
	}
	if len(text) > MaxPayloadChars {
		return nil, fmt.Errorf("%w: %d characters", ErrTooLarge, len(text))
	}
	compressed, err := Base45Decode(body)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	raw, err := d.in.inflate(compressed, MaxDecompressed)
	if err != nil {
		return nil, err
	}
	p := &Payload{Kind: kind}
	credential := raw
	if kind == UseESSC {
		var env esscEnvelope
		if err := d.c.decode(raw, &env); err != nil {
			return nil, fmt.Errorf("e-SSC envelope: %w", err)
		}
		if len(env.Nonce) != NonceSize || len(env.Signature) != ed25519.SignatureSize {
			return nil, fmt.Errorf("%w: device proof nonce %d bytes, signature %d bytes",
				ErrMalformed, len(env.Nonce), len(env.Signature))
		}
		p.Proof = &DeviceProof{Time: time.Unix(env.Time, 0).UTC(), Nonce: env.Nonce, Signature: env.Signature}
		credential = env.Credential
	}
	if p.sig, p.Claims, err = d.credential(credential, kind); err != nil {
		return nil, err
	}
	p.Alg, p.KeyID = p.sig.alg, p.sig.kid
	return p, nil
}

// credential opens an issuer-signed COSE_Sign1 and decodes its claims strictly.
func (d *Decoder) credential(data []byte, kind Use) (signed, Claims, error) {
	s, err := openSign1(data)
	if err != nil {
		return signed{}, Claims{}, err
	}
	var c Claims
	if err := d.c.decode(s.msg.Payload, &c); err != nil {
		return signed{}, Claims{}, fmt.Errorf("claims: %w", err)
	}
	if err := c.check(kind); err != nil {
		return signed{}, Claims{}, err
	}
	return s, c, nil
}

func splitPrefix(text string) (Use, string, error) {
	switch {
	case strings.HasPrefix(text, PrefixNotice):
		return UseNotice, text[len(PrefixNotice):], nil
	case strings.HasPrefix(text, PrefixESSC):
		return UseESSC, text[len(PrefixESSC):], nil
	}
	head, _, found := strings.Cut(text, ":")
	if found && len(head) == 4 && (head[:3] == PrefixNotice[:3] || head[:3] == PrefixESSC[:3]) {
		return "", "", fmt.Errorf("%w: %q", ErrUnsupportedVersion, head)
	}
	head = head[:min(len(head), 8)]
	return "", "", fmt.Errorf("%w: %q", ErrUnknownPrefix, head)
}

// proofMessage is what the device signs. The context string keeps a device signature
// from being replayed as any other signed structure.
func (d *Decoder) proofMessage(credentialID string, t int64, nonce []byte) ([]byte, error) {
	return d.c.encode([]any{"onecard-ESC1-proof", credentialID, t, nonce})
}

// encodePayload compresses and Base45-encodes a CBOR body behind its prefix.
func encodePayload(prefix string, body []byte) (string, error) {
	z, err := deflate(body)
	if err != nil {
		return "", err
	}
	text := prefix + Base45Encode(z)
	if len(text) > MaxPayloadChars {
		return "", fmt.Errorf("%w: %d characters", ErrTooLarge, len(text))
	}
	return text, nil
}

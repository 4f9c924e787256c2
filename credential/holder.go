package credential

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"time"
)

// Holder is the holder's phone as far as codes go: the device key and the e-SSC
// credential issued to it. Each Code call produces a fresh dynamic ESC1 code.
type Holder struct {
	DeviceKey  ed25519.PrivateKey
	Credential []byte
	Claims     Claims

	d *Decoder
}

// NewHolder checks that credential is an e-SSC credential bound to deviceKey's public
// half; it does not check the issuer's signature, which is the verifier's job.
func NewHolder(deviceKey ed25519.PrivateKey, credential []byte) (*Holder, error) {
	if len(deviceKey) != ed25519.PrivateKeySize {
		return nil, fmt.Errorf("%w: device key of %d bytes", ErrKey, len(deviceKey))
	}
	d, err := NewDecoder()
	if err != nil {
		return nil, err
	}
	_, c, err := d.credential(credential, UseESSC)
	if err != nil {
		return nil, fmt.Errorf("holder credential: %w", err)
	}
	pub := deviceKey.Public().(ed25519.PublicKey)
	if !bytes.Equal(c.DeviceKey, pub) {
		return nil, fmt.Errorf("%w: credential %s is bound to another device", ErrKey, c.ID)
	}
	return &Holder{DeviceKey: deviceKey, Credential: credential, Claims: c, d: d}, nil
}

// Code returns a dynamic ESC1 code for time at with a new random nonce.
func (h *Holder) Code(at time.Time) (string, error) {
	nonce := make([]byte, NonceSize)
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("nonce: %w", err)
	}
	return h.code(at.Unix(), nonce)
}

func (h *Holder) code(t int64, nonce []byte) (string, error) {
	msg, err := h.d.proofMessage(h.Claims.ID, t, nonce)
	if err != nil {
		return "", err
	}
	body, err := h.d.c.encode(esscEnvelope{
		Credential: h.Credential, Time: t, Nonce: nonce, Signature: ed25519.Sign(h.DeviceKey, msg),
	})
	if err != nil {
		return "", err
	}
	return encodePayload(PrefixESSC, body)
}

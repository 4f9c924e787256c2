package credential

import (
	"crypto"
	"crypto/rand"
	"fmt"

	"github.com/veraison/go-cose"
)

// sign wraps payload in a tagged COSE_Sign1 whose protected header carries exactly the
// algorithm and the key id; the unprotected header stays empty so nothing that steers
// verification is outside the signature.
func sign(alg cose.Algorithm, kid string, key crypto.Signer, payload []byte) ([]byte, error) {
	signer, err := cose.NewSigner(alg, key)
	if err != nil {
		return nil, fmt.Errorf("signer for key %s: %w", kid, err)
	}
	headers := cose.Headers{
		Protected: cose.ProtectedHeader{
			cose.HeaderLabelAlgorithm: alg,
			cose.HeaderLabelKeyID:     []byte(kid),
		},
	}
	out, err := cose.Sign1(rand.Reader, signer, headers, payload, nil)
	if err != nil {
		return nil, fmt.Errorf("sign with key %s: %w", kid, err)
	}
	return out, nil
}

// signed is a decoded COSE_Sign1 whose header has been read but whose signature has
// not been checked yet.
type signed struct {
	msg *cose.Sign1Message
	alg cose.Algorithm // AlgorithmReserved when the header's alg is not an integer
	kid string
}

// openSign1 decodes a tagged COSE_Sign1 and reads its protected header. It insists on
// a protected alg and kid and nothing else, and an empty unprotected header.
func openSign1(data []byte) (signed, error) {
	var msg cose.Sign1Message
	if err := msg.UnmarshalCBOR(data); err != nil {
		return signed{}, fmt.Errorf("%w: cose: %w", ErrMalformed, err)
	}
	if len(msg.Headers.Unprotected) != 0 {
		return signed{}, fmt.Errorf("%w: unprotected header is not empty", ErrMalformed)
	}
	alg, err := msg.Headers.Protected.Algorithm()
	if err != nil {
		alg = cose.AlgorithmReserved
	}
	kid, ok := msg.Headers.Protected[cose.HeaderLabelKeyID].([]byte)
	if !ok || len(kid) == 0 {
		return signed{}, fmt.Errorf("%w: protected header has no key id", ErrMalformed)
	}
	for label := range msg.Headers.Protected {
		if label != cose.HeaderLabelAlgorithm && label != cose.HeaderLabelKeyID {
			return signed{}, fmt.Errorf("%w: protected header label %v not allowed", ErrMalformed, label)
		}
	}
	if msg.Payload == nil {
		return signed{}, fmt.Errorf("%w: detached payload", ErrMalformed)
	}
	return signed{msg: &msg, alg: alg, kid: string(kid)}, nil
}

// verifySign1 checks s's signature with one public key under alg.
func verifySign1(s signed, alg cose.Algorithm, pub crypto.PublicKey) error {
	v, err := cose.NewVerifier(alg, pub)
	if err != nil {
		return fmt.Errorf("verifier: %w", err)
	}
	return s.msg.Verify(nil, v)
}

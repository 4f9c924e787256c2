package sync

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"errors"
	"fmt"
	"strings"
)

// An enrollment code is ID-SECRET-FINGERPRINT, all base32 without padding:
//   - ID (8 characters) names the code at central;
//   - SECRET (16 characters, 80 bits) proves the holder got it from central's operator;
//     central keeps only its SHA-256;
//   - FINGERPRINT (24 characters) is CAFingerprint of central's CA certificate. The
//     terminal accepts central's TLS certificate during enrollment only if it chains to
//     a CA with this fingerprint, and pins that CA afterwards: enrollment is not
//     trust-on-first-use, a man in the middle would need central's CA key.
type Code struct {
	ID, Secret, CAFingerprint string
}

// ErrBadCode means an enrollment code is not well formed.
var ErrBadCode = errors.New("malformed enrollment code")

const b32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

var b32 = base32.NewEncoding(b32Alphabet).WithPadding(base32.NoPadding)

var codeParts = [3]string{"ID", "secret", "CA fingerprint"}

// NewCode makes a fresh code for the CA with the given fingerprint.
func NewCode(caFingerprint string) (Code, error) {
	var id [5]byte
	var secret [10]byte
	if _, err := rand.Read(id[:]); err != nil {
		return Code{}, err
	}
	if _, err := rand.Read(secret[:]); err != nil {
		return Code{}, err
	}
	return Code{ID: b32.EncodeToString(id[:]), Secret: b32.EncodeToString(secret[:]), CAFingerprint: caFingerprint}, nil
}

func (c Code) String() string { return c.ID + "-" + c.Secret + "-" + c.CAFingerprint }

// ParseCode reads a code as printed; case and surrounding blanks do not matter.
func ParseCode(s string) (Code, error) {
	parts := strings.Split(strings.ToUpper(strings.TrimSpace(s)), "-")
	if len(parts) != 3 || len(parts[0]) != 8 || len(parts[1]) != 16 || len(parts[2]) != 24 {
		return Code{}, fmt.Errorf("%w: want three groups of 8, 16 and 24 letters and digits joined by dashes", ErrBadCode)
	}
	// The alphabet is checked here, not left to the decoder: base32 decoding skips
	// line breaks, which would let "ABC\nDEFG" pass as an 8-character ID.
	for i, p := range parts {
		for _, r := range p {
			if !strings.ContainsRune(b32Alphabet, r) {
				return Code{}, fmt.Errorf("%w: %s has %q, want only A-Z and 2-7", ErrBadCode, codeParts[i], r)
			}
		}
	}
	return Code{ID: parts[0], Secret: parts[1], CAFingerprint: parts[2]}, nil
}

// SecretHash is what central stores in place of a code's secret.
func SecretHash(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return b32.EncodeToString(sum[:])
}

// CAFingerprint names a CA certificate: base32 of the first 15 bytes of the SHA-256 of
// its DER (120 bits).
func CAFingerprint(certDER []byte) string {
	sum := sha256.Sum256(certDER)
	return b32.EncodeToString(sum[:15])
}

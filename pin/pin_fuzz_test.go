package pin

import (
	"encoding/base64"
	"errors"
	"fmt"
	"testing"

	"golang.org/x/crypto/argon2"
)

// cheap are cost settings small enough to hash thousands of times a second.
var cheap = Params{Memory: 64, Time: 1, Threads: 1}

// FuzzParseHash checks that a stored hash is accepted only in the spelling Hash writes
// (so it reads back to the same text), that a refusal is always ErrMalformedHash, and
// that Verify agrees with the parse and accepts a fresh Hash of the PIN; Verify runs only where the costs are cheap, since a
// hash may legitimately ask for gigabytes.
func FuzzParseHash(f *testing.F) {
	h, err := Hash("482915", cheap)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(h, "482915")
	f.Add(h, "482916")
	f.Add("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5", "1")
	f.Fuzz(func(t *testing.T, hash, pin string) {
		fresh, err := Hash(pin, cheap)
		if err != nil {
			t.Fatal(err)
		}
		if ok, err := Verify(fresh, pin); !ok || err != nil {
			t.Fatalf("a fresh hash of %q does not verify: %v", pin, err)
		}
		p, salt, key, err := parseHash(hash)
		if err != nil {
			if !errors.Is(err, ErrMalformedHash) {
				t.Fatalf("unclassified error %v", err)
			}
			if _, verr := Verify(hash, pin); !errors.Is(verr, ErrMalformedHash) {
				t.Fatalf("parse refused %q (%v) but Verify said %v", hash, err, verr)
			}
			return
		}
		enc := "$argon2id$v=" + fmt.Sprint(argon2.Version) + fmt.Sprintf("$m=%d,t=%d,p=%d$", p.Memory, p.Time, p.Threads)
		if again := enc + b64(salt) + "$" + b64(key); again != hash {
			t.Fatalf("%q accepted, but writes back as %q", hash, again)
		}
		if p.Memory*uint32(p.Threads) > 1024 || p.Time > 2 || p.Threads > 4 {
			return
		}
		want := string(argon2.IDKey([]byte(pin), salt, p.Time, p.Memory, p.Threads, uint32(len(key)))) == string(key)
		if ok, err := Verify(hash, pin); err != nil || ok != want {
			t.Fatalf("Verify(%q, %q) = %v, %v; want %v", hash, pin, ok, err, want)
		}
	})
}

func b64(b []byte) string { return base64.RawStdEncoding.EncodeToString(b) }

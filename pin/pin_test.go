package pin

import (
	"errors"
	"testing"
)

// fastParams keep tests quick; the format and the check are the same as with the defaults.
func fastParams() Params { return Params{Memory: 1024, Time: 1, Threads: 1} }

func TestHashVerify(t *testing.T) {
	h, err := Hash("135790", fastParams())
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := Verify(h, "135790"); !ok || err != nil {
		t.Fatalf("right PIN: ok=%v err=%v", ok, err)
	}
	if ok, err := Verify(h, "135791"); ok || err != nil {
		t.Fatalf("wrong PIN: ok=%v err=%v", ok, err)
	}
	h2, _ := Hash("135790", fastParams())
	if h == h2 {
		t.Fatal("two hashes of one PIN are equal: the salt is not random")
	}
}

func TestVerifyMalformed(t *testing.T) {
	for _, h := range []string{"", "plain", "$argon2i$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5", "$argon2id$v=19$m=0,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5", "$argon2id$v=19$m=1024,t=1,p=1$!!$a2V5"} {
		if _, err := Verify(h, "1"); !errors.Is(err, ErrMalformedHash) {
			t.Errorf("Verify(%q) err = %v, want ErrMalformedHash", h, err)
		}
	}
}

func TestRules(t *testing.T) {
	r := DefaultRules()
	for _, tc := range []struct {
		pin  string
		want error
	}{
		{"135790", nil}, {"12345", ErrTooShort}, {"1357913579135", ErrTooLong},
		{"13579a", ErrNotDigits}, {"111111", ErrWeak}, {"123456", ErrWeak}, {"987654", ErrWeak},
	} {
		if got := r.Check(tc.pin); !errors.Is(got, tc.want) {
			t.Errorf("Check(%q) = %v, want %v", tc.pin, got, tc.want)
		}
	}
}

func BenchmarkVerifyDefault(b *testing.B) {
	h, _ := Hash("135790", DefaultParams())
	for b.Loop() {
		Verify(h, "135790")
	}
}

func TestVerifyRefusesHugeMemory(t *testing.T) {
	// 1 GiB: more than a stored hash may ask a login to allocate.
	h := "$argon2id$v=19$m=1048576,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U"
	if _, err := Verify(h, "135790"); !errors.Is(err, ErrMalformedHash) {
		t.Fatalf("err = %v, want ErrMalformedHash", err)
	}
}

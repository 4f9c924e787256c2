package identity

import (
	"errors"
	"testing"
)

func TestCheckIdentifiers(t *testing.T) {
	// Valid examples were computed with a separate implementation of GB 11643 MOD 11-2
	// and GB 32100; 91350100M000100Y43 is a published USCC.
	tests := []struct {
		name  string
		check func(string) error
		in    string
		want  error
	}{
		{"permit ok", CheckPermitNumber, "A1B2C3D4E5F6G7H8J9", nil},
		{"permit short", CheckPermitNumber, "A1B2C3D4E5F6G7H8J", ErrLength},
		{"permit lower case", CheckPermitNumber, "a1B2C3D4E5F6G7H8J9", ErrCharset},
		{"permit hyphen", CheckPermitNumber, "A1B2C3D4E5F6G7H8-9", ErrCharset},
		{"PR ID ok", CheckPRID, "911840198506120015", nil},
		{"PR ID ok with X", CheckPRID, "91184019850612004X", nil},
		{"PR ID wrong check", CheckPRID, "911840198506120016", ErrCheck},
		{"PR ID lower-case x", CheckPRID, "91184019850612004x", ErrCharset},
		{"PR ID not starting with 9", CheckPRID, "11010519491231002X", ErrPrefix},
		{"PR ID letter in body", CheckPRID, "91184019850612A015", ErrCharset},
		{"PR ID too long", CheckPRID, "9118401985061200150", ErrLength},
		{"SSN ok", CheckSSN, "440300199001011238", nil},
		{"SSN ok with X", CheckSSN, "11010519491231002X", nil},
		{"SSN wrong check", CheckSSN, "440300199001011239", ErrCheck},
		{"SSN short", CheckSSN, "44030019900101123", ErrLength},
		{"USCC ok", CheckUSCC, "91350100M000100Y43", nil},
		{"USCC ok letter check", CheckUSCC, "91110000600037341L", nil},
		{"USCC wrong check", CheckUSCC, "91350100M000100Y44", ErrCheck},
		{"USCC letter O not in alphabet", CheckUSCC, "91350100O000100Y43", ErrCharset},
		{"USCC check character outside alphabet", CheckUSCC, "91350100M000100Y4I", ErrCharset},
		{"USCC short", CheckUSCC, "91350100M000100Y4", ErrLength},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.check(tt.in)
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
			var fe *FieldError
			if err != nil && (!errors.As(err, &fe) || fe.Value != tt.in) {
				t.Errorf("error %v is not a FieldError for %q", err, tt.in)
			}
		})
	}
}

func TestMakeSSN(t *testing.T) {
	got, err := MakeSSN("11010519491231002")
	if err != nil || got != "11010519491231002X" {
		t.Errorf("MakeSSN = %q, %v", got, err)
	}
	if _, err := MakeSSN("1101051949123100A"); !errors.Is(err, ErrCharset) {
		t.Errorf("MakeSSN with a letter: %v", err)
	}
}

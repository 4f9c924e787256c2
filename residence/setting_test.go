package residence

import (
	"errors"
	"reflect"
	"testing"
)

func TestPolicyFromSetting(t *testing.T) {
	tests := []struct {
		name    string
		doc     string
		within  int
		wantErr bool
	}{
		{"none sent", "", 30, false},
		{"an update of one number", `{"version":"2026-01-01","apply_within_days":45}`, 45, false},
		{"malformed JSON", `{"apply_within_days":`, 30, true},
		{"misspelt field", `{"apply_within_day":45}`, 30, true},
		{"unusable number", `{"apply_within_days":0}`, 30, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := PolicyFromSetting([]byte(tt.doc))
			if (err != nil) != tt.wantErr {
				t.Fatalf("err %v, want error %v", err, tt.wantErr)
			}
			if err != nil && !errors.Is(err, ErrPolicy) {
				t.Errorf("error %v does not wrap ErrPolicy", err)
			}
			if p.ApplyWithinDays != tt.within {
				t.Errorf("apply within %d days, want %d", p.ApplyWithinDays, tt.within)
			}
			if tt.wantErr && !reflect.DeepEqual(p, DefaultPolicy()) {
				t.Errorf("a bad setting gave %+v, not the default", p)
			}
		})
	}
}

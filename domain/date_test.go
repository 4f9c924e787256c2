package domain

import (
	"encoding/json"
	"testing"
	"time"
)

func TestDateArithmeticAcrossCenturies(t *testing.T) {
	for _, s := range []string{"0001-01-01", "1958-02-28", "2000-02-29", "2026-11-27", "2099-12-31"} {
		d := MustDate(s)
		if d.String() != s {
			t.Errorf("%s round-trips as %s", s, d)
		}
		if got := DateOf(d.Time()); got != d {
			t.Errorf("%s: DateOf(Time()) = %s", s, got)
		}
	}
	if got := MustDate("2024-02-29").AddDate(1, 0, 0); got != MustDate("2025-03-01") {
		t.Errorf("Feb 29 + 1 year = %s", got)
	}
	if n := MustDate("2026-11-27").DaysUntil(MustDate("2027-01-01")); n != 35 {
		t.Errorf("days until new year = %d", n)
	}
	cst := time.FixedZone("CST", 8*3600)
	if got := DateOf(time.Date(2026, 11, 27, 23, 30, 0, 0, time.UTC).In(cst)); got != MustDate("2026-11-28") {
		t.Errorf("late evening UTC is the next day in China: %s", got)
	}
}

func TestDateJSONAndSQL(t *testing.T) {
	var v struct {
		A Date `json:"a"`
		B Date `json:"b"`
	}
	if err := json.Unmarshal([]byte(`{"a":"2026-11-27","b":null}`), &v); err != nil || v.A != MustDate("2026-11-27") || !v.B.IsZero() {
		t.Fatalf("unmarshal: %+v %v", v, err)
	}
	if b, _ := json.Marshal(v); string(b) != `{"a":"2026-11-27","b":null}` {
		t.Fatalf("marshal: %s", b)
	}
	if err := json.Unmarshal([]byte(`{"a":"27/11/2026"}`), &v); err == nil {
		t.Fatal("a non-ISO date was accepted")
	}
	var d Date
	if err := d.Scan([]byte("2026-01-02")); err != nil || d != MustDate("2026-01-02") {
		t.Fatalf("scan: %s %v", d, err)
	}
	if val, _ := Date(0).Value(); val != nil {
		t.Fatalf("unset date stored as %v", val)
	}
}

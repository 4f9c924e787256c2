package domain

import (
	"encoding/json"
	"math/rand/v2"
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

// The arithmetic fast paths agree with time's reading and writing of every day of
// years 1 to 9999.
func TestDateArithmeticAgreesWithTime(t *testing.T) {
	first, last := MustDate("0001-01-01"), NewDate(9999, 12, 31)
	for d := first; d <= last; d++ {
		want := d.Time().Format(dateLayout)
		if got := d.String(); got != want {
			t.Fatalf("day %d prints %s, time says %s", d, got, want)
		}
		if back, err := ParseDate(want); err != nil || back != d {
			t.Fatalf("%s reads as day %d (%v), want %d", want, back, err, d)
		}
	}
	for _, bad := range []string{"2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "0000-01-01", "2024-1-01", "２０２４-01-01"} {
		if _, err := ParseDate(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// AppendInstant writes what time.Time.MarshalJSON writes, and ParseInstantUTC reads
// back exactly the instant, for whole seconds in UTC and everything else alike.
func TestInstantsAsTimeWritesThem(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	cst := time.FixedZone("CST", 8*3600)
	for i := range 200_000 {
		at := time.Unix(r.Int64N(400*365*86400)-200*365*86400, 0).UTC()
		switch i % 4 {
		case 1:
			at = at.Add(time.Duration(r.IntN(1e9)))
		case 2:
			at = at.In(cst)
		}
		want, _ := at.MarshalJSON()
		got := AppendInstant([]byte{'"'}, at)
		if got = append(got, '"'); string(got) != string(want) {
			t.Fatalf("%v: %s, MarshalJSON %s", at, got, want)
		}
		back, ok := ParseInstantUTC(string(got[1 : len(got)-1]))
		if plain := at.Location() == time.UTC && at.Nanosecond() == 0; ok != plain || ok && (!back.Equal(at) || back.Location() != time.UTC) {
			t.Fatalf("%s read back as %v (%v)", got, back, ok)
		}
	}
	for _, bad := range []string{"2026-11-27T24:00:00Z", "2026-11-27T23:60:00Z", "2026-02-30T00:00:00Z", "2026-11-27 00:00:00Z", "2026-11-27T00:00:00+00:00"} {
		if _, ok := ParseInstantUTC(bad); ok {
			t.Errorf("%q read", bad)
		}
	}
}

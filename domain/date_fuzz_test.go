package domain

import (
	"encoding/json"
	"testing"
	"time"
)

// FuzzParseDate checks that an accepted date is a set day that prints back as the very
// text it was read from (YYYY-MM-DD admits one spelling per day).
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-11-27", "2024-02-29", "2023-02-29", "0001-01-01", "9999-12-31", "2026-1-27", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		// time.Parse is the reference: the arithmetic fast path accepts exactly what it does.
		ref, rerr := time.Parse(dateLayout, s)
		if accepted := rerr == nil && ref.Year() >= 1; accepted != (err == nil) {
			t.Fatalf("%q: ParseDate error %v, time.Parse %v (year %d)", s, err, rerr, ref.Year())
		}
		if err != nil {
			if d != 0 {
				t.Fatalf("error %v with date %v", err, d)
			}
			return
		}
		if d.IsZero() {
			t.Fatalf("%q parsed as the unset date", s)
		}
		if d.String() != s {
			t.Fatalf("%q parsed to %s", s, d)
		}
		if back := DateOf(d.Time()); back != d {
			t.Fatalf("%q: day %d comes back from its time as %d", s, d, back)
		}
	})
}

// FuzzDateUnmarshalJSON checks that a date read from JSON writes back to JSON that
// reads as the same date, and that a refused document leaves the date untouched.
func FuzzDateUnmarshalJSON(f *testing.F) {
	for _, s := range []string{`"2026-11-27"`, `null`, `""`, `"2026-02-30"`, `20261127`, `"2026-11-27T00:00:00Z"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		const before = Date(12345)
		d := before
		if err := d.UnmarshalJSON(b); err != nil {
			if d != before {
				t.Fatalf("refused %q but changed the date to %v", b, d)
			}
			return
		}
		out, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		var again Date
		if err := json.Unmarshal(out, &again); err != nil || again != d {
			t.Fatalf("%q read as %v, written as %s, read back as %v (%v)", b, d, out, again, err)
		}
	})
}

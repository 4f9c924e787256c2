package domain

// Days and YYYY-MM-DD text by arithmetic, without time.Time: a first sync or a seed
// reads and writes several dates per record, millions of records, and time.Parse and
// time.Format spent more on them than the rest of a record's encoding. The algorithms
// are Howard Hinnant's days_from_civil and civil_from_days (proleptic Gregorian
// calendar); ParseDate and Date.AppendText keep time's rules for everything else.

import "time"

// daysFromCivil returns the days from 1970-01-01 to y-m-d.
func daysFromCivil(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civilFromDays is daysFromCivil's inverse.
func civilFromDays(z int64) (y, m, d int64) {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	y = yoe + era*400
	if m <= 2 {
		y++
	}
	return y, m, d
}

func isLeap(y int64) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// daysIn is the length of month m of year y.
func daysIn(y, m int64) int64 {
	switch m {
	case 2:
		if isLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// parseCivil reads exactly YYYY-MM-DD with a real month and day of year 0001-9999.
func parseCivil(s string) (y, m, d int64, ok bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, 0, 0, false
	}
	num := func(t string) (int64, bool) {
		var n int64
		for i := 0; i < len(t); i++ {
			c := t[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int64(c-'0')
		}
		return n, true
	}
	y, ok1 := num(s[:4])
	m, ok2 := num(s[5:7])
	d, ok3 := num(s[8:])
	if !ok1 || !ok2 || !ok3 || y < 1 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return 0, 0, 0, false
	}
	return y, m, d, true
}

// appendCivil appends y-m-d as YYYY-MM-DD; y must be 0..9999.
func appendCivil(b []byte, y, m, d int64) []byte {
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+m/10), byte('0'+m%10), '-', byte('0'+d/10), byte('0'+d%10))
}

// AppendInstant appends t as time.Time.MarshalJSON writes it, without the quotes
// (RFC 3339 with as many fractional digits as it needs); for a year outside 0-9999,
// which MarshalJSON refuses, it appends what AppendFormat makes of it.
func AppendInstant(b []byte, t time.Time) []byte {
	y, m, d := t.Date()
	if t.Location() != time.UTC || t.Nanosecond() != 0 || y < 0 || y > 9999 {
		return t.AppendFormat(b, time.RFC3339Nano)
	}
	hh, mm, ss := t.Clock()
	b = appendCivil(b, int64(y), int64(m), int64(d))
	return append(b, 'T', byte('0'+hh/10), byte('0'+hh%10), ':', byte('0'+mm/10), byte('0'+mm%10), ':',
		byte('0'+ss/10), byte('0'+ss%10), 'Z')
}

// ParseInstantUTC reads YYYY-MM-DDTHH:MM:SSZ, the form AppendInstant writes for a
// whole second in UTC; ok is false for any other text, which time's parser is then
// to read (or refuse).
func ParseInstantUTC(s string) (t time.Time, ok bool) {
	if len(s) != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z' {
		return t, false
	}
	y, m, d, ok := parseCivil(s[:10])
	if !ok {
		return t, false
	}
	var clock [3]int
	for i, part := range []string{s[11:13], s[14:16], s[17:19]} {
		if part[0] < '0' || part[0] > '9' || part[1] < '0' || part[1] > '9' {
			return t, false
		}
		clock[i] = int(part[0]-'0')*10 + int(part[1]-'0')
	}
	if clock[0] > 23 || clock[1] > 59 || clock[2] > 59 {
		return t, false
	}
	return time.Date(int(y), time.Month(m), int(d), clock[0], clock[1], clock[2], 0, time.UTC), true
}

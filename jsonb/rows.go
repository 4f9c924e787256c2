// Package jsonb builds SQLite JSONB arrays of rows, for statements that insert many
// rows from one bound blob:
//
//	INSERT INTO t (a, b) SELECT value->>0, value->>1 FROM jsonb_each(?) WHERE true
//
// Binding one blob per statement instead of every value by itself is what makes bulk
// writes cheap through database/sql and go-sqlite3: each bound value costs a cgo call
// and a copy, a JSONB element costs SQLite a few byte reads.
package jsonb

import (
	"encoding/binary"
	"strconv"
	"time"

	"onecard/domain"
)

// Rows builds a JSONB array of rows, each row an array of scalars; the zero value is
// empty and ready to use.
//
// The format is SQLite's documented, stable JSONB (https://sqlite.org/jsonb.html): an
// element is a header, whose low nibble is the type and whose high nibble is the
// payload size (0-11) or says that the size follows in 1, 2, 4 or 8 big-endian bytes
// (12-15), and then the payload. Only the element types below are written, and every
// container gets the 4-byte size form so that its size can be patched in when it ends.
type Rows struct {
	b    []byte
	row  int // offset of the open row's header
	rows int
}

// Len is the number of rows.
func (j *Rows) Len() int { return j.rows }

// Reset empties j, keeping its buffer.
func (j *Rows) Reset() {
	j.b, j.rows = j.b[:0], 0
}

// JSONB element types.
const (
	jsonbNull    = 0x0
	jsonbInt     = 0x3 // payload: the integer in decimal ASCII
	jsonbTextRaw = 0xA // payload: UTF-8 text, escaped by SQLite if ever rendered as JSON
	jsonbArray   = 0xB // payload: the elements, one after another
)

// Size forms of the header's high nibble.
const (
	jsonbSize1 = 12 << 4 // a 1-byte size follows
	jsonbSize4 = 14 << 4 // a 4-byte size follows
)

const containerHeader = 5 // type byte and a 4-byte size

// BeginRow opens a row; the first call also opens the outer array.
func (j *Rows) BeginRow() {
	if len(j.b) == 0 {
		j.b = append(j.b[:0], jsonbSize4|jsonbArray, 0, 0, 0, 0)
	}
	j.row = len(j.b)
	j.b = append(j.b, jsonbSize4|jsonbArray, 0, 0, 0, 0)
}

// EndRow closes the open row, writing its size.
func (j *Rows) EndRow() {
	binary.BigEndian.PutUint32(j.b[j.row+1:], uint32(len(j.b)-j.row-containerHeader))
	j.rows++
}

// Blob closes the outer array and returns it; nil when there are no rows.
func (j *Rows) Blob() []byte {
	if j.rows == 0 {
		return nil
	}
	binary.BigEndian.PutUint32(j.b[1:], uint32(len(j.b)-containerHeader))
	return j.b
}

func (j *Rows) header(typ byte, size int) {
	switch {
	case size <= 11:
		j.b = append(j.b, byte(size<<4)|typ)
	case size <= 0xff:
		j.b = append(j.b, jsonbSize1|typ, byte(size))
	default:
		j.b = append(j.b, jsonbSize4|typ)
		j.b = binary.BigEndian.AppendUint32(j.b, uint32(size))
	}
}

// Null writes SQL NULL.
func (j *Rows) Null() { j.b = append(j.b, jsonbNull) }

// Text writes a string, which comes out of ->> as it went in, whatever it holds.
func (j *Rows) Text(s string) {
	j.header(jsonbTextRaw, len(s))
	j.b = append(j.b, s...)
}

// TextBytes is Text of b's bytes.
func (j *Rows) TextBytes(b []byte) {
	j.header(jsonbTextRaw, len(b))
	j.b = append(j.b, b...)
}

// TextOrNull writes "" as NULL, for the optional columns that hold NULL when unset.
func (j *Rows) TextOrNull(s string) {
	if s == "" {
		j.Null()
		return
	}
	j.Text(s)
}

// Int writes an integer.
func (j *Rows) Int(n int64) {
	var digits [20]byte
	d := strconv.AppendInt(digits[:0], n, 10)
	j.header(jsonbInt, len(d))
	j.b = append(j.b, d...)
}

// Bool writes 1 or 0, as go-sqlite3 binds a bool.
func (j *Rows) Bool(v bool) {
	if v {
		j.Int(1)
		return
	}
	j.Int(0)
}

// Date writes YYYY-MM-DD, or NULL for the zero date, as Date.Value does.
func (j *Rows) Date(d domain.Date) {
	if d.IsZero() {
		j.Null()
		return
	}
	var buf [16]byte
	s := d.AppendText(buf[:0])
	j.header(jsonbTextRaw, len(s))
	j.b = append(j.b, s...)
}

// Millis writes an instant as Unix milliseconds, or NULL for the zero time.
func (j *Rows) Millis(t time.Time) {
	if t.IsZero() {
		j.Null()
		return
	}
	j.Int(t.UnixMilli())
}

package store

import (
	"encoding/binary"
	"strconv"
	"time"

	"onecard/domain"
)

// jsonbRows builds a SQLite JSONB array of rows, each row an array of scalars, for a
// statement that inserts them with jsonb_each (see batch.go). Binding one blob per
// table instead of every value by itself is what makes a sync page cheap to write:
// each bound value costs a cgo call and a copy, a JSONB element costs SQLite a few
// byte reads.
//
// The format is SQLite's documented, stable JSONB (https://sqlite.org/jsonb.html): an
// element is a header, whose low nibble is the type and whose high nibble is the
// payload size (0-11) or says that the size follows in 1, 2, 4 or 8 big-endian bytes
// (12-15), and then the payload. Only the element types below are written, and every
// container gets the 4-byte size form so that its size can be patched in when it ends.
type jsonbRows struct {
	b    []byte
	row  int // offset of the open row's header
	rows int
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

// beginRow opens a row; the first call also opens the outer array.
func (j *jsonbRows) beginRow() {
	if j.b == nil {
		j.b = make([]byte, containerHeader, 512)
		j.b[0] = jsonbSize4 | jsonbArray
	}
	j.row = len(j.b)
	j.b = append(j.b, jsonbSize4|jsonbArray, 0, 0, 0, 0)
}

// endRow closes the open row, writing its size.
func (j *jsonbRows) endRow() {
	binary.BigEndian.PutUint32(j.b[j.row+1:], uint32(len(j.b)-j.row-containerHeader))
	j.rows++
}

// blob closes the outer array and returns it; nil when there are no rows.
func (j *jsonbRows) blob() []byte {
	if j.rows == 0 {
		return nil
	}
	binary.BigEndian.PutUint32(j.b[1:], uint32(len(j.b)-containerHeader))
	return j.b
}

func (j *jsonbRows) header(typ byte, size int) {
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

func (j *jsonbRows) null() { j.b = append(j.b, jsonbNull) }

func (j *jsonbRows) text(s string) {
	j.header(jsonbTextRaw, len(s))
	j.b = append(j.b, s...)
}

// textOrNull writes "" as NULL, for the optional columns that hold NULL when unset.
func (j *jsonbRows) textOrNull(s string) {
	if s == "" {
		j.null()
		return
	}
	j.text(s)
}

func (j *jsonbRows) int(n int64) {
	var digits [20]byte
	d := strconv.AppendInt(digits[:0], n, 10)
	j.header(jsonbInt, len(d))
	j.b = append(j.b, d...)
}

func (j *jsonbRows) bool(v bool) {
	if v {
		j.int(1)
		return
	}
	j.int(0)
}

// date writes YYYY-MM-DD, or NULL for the zero date, as Date.Value does.
func (j *jsonbRows) date(d domain.Date) {
	if d.IsZero() {
		j.null()
		return
	}
	var buf [16]byte
	s := d.Time().AppendFormat(buf[:0], time.DateOnly)
	j.header(jsonbTextRaw, len(s))
	j.b = append(j.b, s...)
}

// millis writes an instant as Unix milliseconds, or NULL for the zero time.
func (j *jsonbRows) millis(t time.Time) {
	if t.IsZero() {
		j.null()
		return
	}
	j.int(t.UnixMilli())
}

// Package rowpack packs rows of scalars into one blob that SQLite reads back as a
// table, for statements that insert many rows from one bound value:
//
//	INSERT INTO t (a, b) SELECT c0, c1 FROM rowpack(?) WHERE true
//
// Binding one blob per statement instead of every value by itself is what makes bulk
// writes cheap through database/sql and go-sqlite3: each bound value costs a cgo call
// and a copy. rowpack() is a table-valued function written in C (rowpack.c) and
// registered with every SQLite connection the process opens; it reads each value in
// place, where SQLite's JSONB arrays (this package's predecessor) cost a path lookup
// per column, a quarter of a first sync's store writes.
//
// The blob is a run of rows: a row is its column count (one byte, 1 to MaxColumns),
// then its values, each a tag byte and a payload: NULL (tag 0, nothing), an integer
// (tag 1, 8 bytes little-endian) or text (tag 2, a 4-byte little-endian length and the
// bytes). rowpack() checks every length against the blob's end and fails the statement
// on a blob out of this form.
package rowpack

/*
#include "rowpack.h"
*/
import "C"

import (
	"encoding/binary"
	"fmt"
	"time"

	_ "github.com/mattn/go-sqlite3" // the SQLite that rowpack.c is linked against

	"onecard/domain"
)

// MaxColumns is how many columns (c0 to c15) a row may have.
const MaxColumns = 16

func init() {
	if rc := C.rowpackRegister(); rc != 0 {
		panic(fmt.Sprintf("rowpack: sqlite3_auto_extension: error %d", rc))
	}
}

// Value tags.
const (
	tagNull = 0
	tagInt  = 1
	tagText = 2
)

// Rows builds a blob of rows; the zero value is empty and ready to use.
type Rows struct {
	b    []byte
	row  int // offset of the open row's column count
	rows int
}

// Len is the number of rows.
func (r *Rows) Len() int { return r.rows }

// Reset empties r, keeping its buffer.
func (r *Rows) Reset() {
	r.b, r.rows = r.b[:0], 0
}

// BeginRow opens a row.
func (r *Rows) BeginRow() {
	r.row = len(r.b)
	r.b = append(r.b, 0)
}

// EndRow closes the open row. A row of no columns, or of more than MaxColumns, is a
// programming error: the statements that read rows name their columns.
func (r *Rows) EndRow() {
	if r.b[r.row] == 0 || r.b[r.row] > MaxColumns {
		panic(fmt.Sprintf("rowpack: a row of %d columns", r.b[r.row]))
	}
	r.rows++
}

// Blob returns the rows; nil when there are none.
func (r *Rows) Blob() []byte {
	if r.rows == 0 {
		return nil
	}
	return r.b
}

// value starts a value of the open row.
func (r *Rows) value(tag byte) {
	if r.b[r.row] <= MaxColumns { // past that, EndRow refuses the row
		r.b[r.row]++
	}
	r.b = append(r.b, tag)
}

// Null writes SQL NULL.
func (r *Rows) Null() { r.value(tagNull) }

// Text writes a string, which comes out as it went in, whatever bytes it holds.
func (r *Rows) Text(s string) {
	r.value(tagText)
	r.b = binary.LittleEndian.AppendUint32(r.b, uint32(len(s)))
	r.b = append(r.b, s...)
}

// TextBytes is Text of b's bytes.
func (r *Rows) TextBytes(b []byte) {
	r.value(tagText)
	r.b = binary.LittleEndian.AppendUint32(r.b, uint32(len(b)))
	r.b = append(r.b, b...)
}

// TextOrNull writes "" as NULL, for the optional columns that hold NULL when unset.
func (r *Rows) TextOrNull(s string) {
	if s == "" {
		r.Null()
		return
	}
	r.Text(s)
}

// Int writes an integer.
func (r *Rows) Int(n int64) {
	r.value(tagInt)
	r.b = binary.LittleEndian.AppendUint64(r.b, uint64(n))
}

// Bool writes 1 or 0, as go-sqlite3 binds a bool.
func (r *Rows) Bool(v bool) {
	if v {
		r.Int(1)
		return
	}
	r.Int(0)
}

// Date writes YYYY-MM-DD, or NULL for the zero date, as Date.Value does.
func (r *Rows) Date(d domain.Date) {
	if d.IsZero() {
		r.Null()
		return
	}
	var buf [16]byte
	r.TextBytes(d.AppendText(buf[:0]))
}

// Millis writes an instant as Unix milliseconds, or NULL for the zero time.
func (r *Rows) Millis(t time.Time) {
	if t.IsZero() {
		r.Null()
		return
	}
	r.Int(t.UnixMilli())
}

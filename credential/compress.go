package credential

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"sync"
)

// MaxDecompressed caps the inflated size of a payload. A real credential is well under
// 1 KiB; the cap stops a decompression bomb while inflating, before memory is spent.
const MaxDecompressed = 16 << 10

// ErrTooLarge marks a payload or its inflated content above the size caps.
var ErrTooLarge = errors.New("payload too large")

func deflate(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	w, err := zlib.NewWriterLevel(&buf, zlib.BestCompression)
	if err != nil {
		return nil, fmt.Errorf("zlib writer: %w", err)
	}
	if _, err := w.Write(b); err != nil {
		return nil, fmt.Errorf("zlib write: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("zlib close: %w", err)
	}
	return buf.Bytes(), nil
}

// inflater decompresses zlib streams, reusing readers: a flate reader holds a 32 KiB
// window, which would otherwise dominate the allocations of every verification.
type inflater struct {
	pool sync.Pool // of io.ReadCloser that also implement zlib.Resetter
}

// inflate decompresses one zlib stream, reading at most limit+1 bytes of output so an
// oversized stream is detected without inflating it all, and rejects trailing bytes
// so that one payload has one meaning.
func (in *inflater) inflate(b []byte, limit int) ([]byte, error) {
	src := bytes.NewReader(b)
	var zr io.ReadCloser
	if pooled, ok := in.pool.Get().(io.ReadCloser); ok {
		if err := pooled.(zlib.Resetter).Reset(src, nil); err != nil {
			return nil, fmt.Errorf("%w: zlib header: %w", ErrMalformed, err)
		}
		zr = pooled
	} else {
		r, err := zlib.NewReader(src)
		if err != nil {
			return nil, fmt.Errorf("%w: zlib header: %w", ErrMalformed, err)
		}
		zr = r
	}
	defer in.pool.Put(zr)
	out, err := io.ReadAll(io.LimitReader(zr, int64(limit)+1))
	if err != nil {
		return nil, fmt.Errorf("%w: zlib: %w", ErrMalformed, err)
	}
	if len(out) > limit {
		return nil, fmt.Errorf("%w: inflates beyond %d bytes", ErrTooLarge, limit)
	}
	// The limit was not reached, so ReadAll stopped at the stream's end, which zlib
	// reports only after its checksum matched.
	if err := zr.Close(); err != nil {
		return nil, fmt.Errorf("%w: zlib: %w", ErrMalformed, err)
	}
	if src.Len() != 0 {
		return nil, fmt.Errorf("%w: %d bytes after the zlib stream", ErrMalformed, src.Len())
	}
	return out, nil
}

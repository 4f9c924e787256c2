package scanner

import (
	"errors"
	"fmt"
	"time"
)

// Frame is one grey image: the luminance (Y) plane, row-major, Width bytes per row.
// Cameras deliver YUV or JPEG; only Y matters for decoding, so every source reduces its
// frames to this one shape and the decoder never converts pixels on the hot path.
type Frame struct {
	Y      []byte
	Width  int
	Height int
	At     time.Time // when the frame was captured; zero for files
}

// ErrFrameSize reports a frame whose buffer does not match its stated dimensions.
var ErrFrameSize = errors.New("frame size mismatch")

// maxFrameSide bounds accepted dimensions so that a corrupt header cannot make us
// allocate gigabytes (a 16k x 16k grey frame is already 256 MB).
const maxFrameSide = 16384

// Check reports whether the frame's dimensions are positive, sane and match its buffer.
func (f Frame) Check() error {
	if err := f.checkSize(); err != nil {
		return err
	}
	if len(f.Y) < f.Width*f.Height {
		return fmt.Errorf("%w: %dx%d needs %d bytes, have %d", ErrFrameSize, f.Width, f.Height, f.Width*f.Height, len(f.Y))
	}
	return nil
}

// checkSize reports whether the dimensions alone are positive and sane.
func (f Frame) checkSize() error {
	if f.Width <= 0 || f.Height <= 0 || f.Width > maxFrameSide || f.Height > maxFrameSide {
		return fmt.Errorf("%w: %dx%d", ErrFrameSize, f.Width, f.Height)
	}
	return nil
}

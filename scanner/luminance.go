package scanner

import (
	"fmt"

	"github.com/makiuchi-d/gozxing"
)

// planeSource is a gozxing.LuminanceSource over a Y plane. gozxing v0.1.1 only offers an
// image.Image source (a per-pixel colour conversion) or a YUV source that copies on
// every crop; this one hands the plane to the binarizer as is.
type planeSource struct {
	gozxing.LuminanceSourceBase
	pix    []byte
	stride int
	left   int
	top    int
}

func newPlaneSource(f Frame) *planeSource {
	return &planeSource{
		LuminanceSourceBase: gozxing.LuminanceSourceBase{Width: f.Width, Height: f.Height},
		pix:                 f.Y,
		stride:              f.Width,
	}
}

func (s *planeSource) GetRow(y int, row []byte) ([]byte, error) {
	if y < 0 || y >= s.Height {
		return nil, fmt.Errorf("row %d outside image of height %d", y, s.Height)
	}
	if len(row) < s.Width {
		row = make([]byte, s.Width)
	}
	off := (s.top+y)*s.stride + s.left
	copy(row, s.pix[off:off+s.Width])
	return row, nil
}

func (s *planeSource) GetMatrix() []byte {
	if s.left == 0 && s.top == 0 && s.stride == s.Width {
		return s.pix[:s.Width*s.Height]
	}
	m := make([]byte, s.Width*s.Height)
	for y := 0; y < s.Height; y++ {
		off := (s.top+y)*s.stride + s.left
		copy(m[y*s.Width:], s.pix[off:off+s.Width])
	}
	return m
}

func (s *planeSource) IsCropSupported() bool { return true }

func (s *planeSource) Crop(left, top, width, height int) (gozxing.LuminanceSource, error) {
	if left < 0 || top < 0 || width <= 0 || height <= 0 || left+width > s.Width || top+height > s.Height {
		return nil, fmt.Errorf("crop %d,%d %dx%d outside %dx%d", left, top, width, height, s.Width, s.Height)
	}
	return &planeSource{
		LuminanceSourceBase: gozxing.LuminanceSourceBase{Width: width, Height: height},
		pix:                 s.pix,
		stride:              s.stride,
		left:                s.left + left,
		top:                 s.top + top,
	}, nil
}

func (s *planeSource) IsRotateSupported() bool { return true }

func (s *planeSource) RotateCounterClockwise() (gozxing.LuminanceSource, error) {
	return newPlaneSource(rotate(s.frame(), 270)), nil
}

func (s *planeSource) RotateCounterClockwise45() (gozxing.LuminanceSource, error) {
	return nil, fmt.Errorf("rotation by 45 degrees is not supported")
}

func (s *planeSource) Invert() gozxing.LuminanceSource {
	return newPlaneSource(invert(s.frame()))
}

func (s *planeSource) String() string { return gozxing.LuminanceSourceString(s) }

// frame returns the visible region as a compact Frame.
func (s *planeSource) frame() Frame {
	return Frame{Y: s.GetMatrix(), Width: s.Width, Height: s.Height}
}

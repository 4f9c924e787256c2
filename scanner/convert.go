package scanner

import (
	"bytes"
	"fmt"
	"image/jpeg"
)

// PixelFormat is a camera frame encoding, named by its V4L2 fourcc.
type PixelFormat uint32

// The formats a camera source accepts, in order of preference: GREY and YUYV carry the
// Y plane directly, MJPEG needs a JPEG decode but is what many cameras offer at 720p.
const (
	FormatGREY  PixelFormat = 'G' | 'R'<<8 | 'E'<<16 | 'Y'<<24
	FormatYUYV  PixelFormat = 'Y' | 'U'<<8 | 'Y'<<16 | 'V'<<24
	FormatMJPEG PixelFormat = 'M' | 'J'<<8 | 'P'<<16 | 'G'<<24
)

func (p PixelFormat) String() string {
	return string([]byte{byte(p), byte(p >> 8), byte(p >> 16), byte(p >> 24)})
}

// ToFrame converts one raw camera buffer to a grey frame. The result never aliases buf,
// since camera drivers reuse their buffers for the next frame.
func ToFrame(format PixelFormat, buf []byte, width, height int) (Frame, error) {
	if width <= 0 || height <= 0 || width > maxFrameSide || height > maxFrameSide {
		return Frame{}, fmt.Errorf("%w: %dx%d", ErrFrameSize, width, height)
	}
	switch format {
	case FormatGREY:
		return greyToFrame(buf, width, height)
	case FormatYUYV:
		return yuyvToFrame(buf, width, height)
	case FormatMJPEG:
		return mjpegToFrame(buf)
	}
	return Frame{}, fmt.Errorf("pixel format %s is not supported", format)
}

func greyToFrame(buf []byte, width, height int) (Frame, error) {
	n := width * height
	if len(buf) < n {
		return Frame{}, fmt.Errorf("%w: GREY %dx%d needs %d bytes, got %d", ErrFrameSize, width, height, n, len(buf))
	}
	return Frame{Y: bytes.Clone(buf[:n]), Width: width, Height: height}, nil
}

// yuyvToFrame keeps every other byte: YUYV packs Y0 U Y1 V for each pair of pixels.
func yuyvToFrame(buf []byte, width, height int) (Frame, error) {
	n := width * height
	if width%2 != 0 || len(buf) < 2*n {
		return Frame{}, fmt.Errorf("%w: YUYV %dx%d needs an even width and %d bytes, got %d", ErrFrameSize, width, height, 2*n, len(buf))
	}
	y := make([]byte, n)
	src := buf[:2*n]
	for i := range y {
		y[i] = src[2*i]
	}
	return Frame{Y: y, Width: width, Height: height}, nil
}

// mjpegToFrame decodes one JPEG and keeps its luminance. The JPEG's own header gives the
// size, so a camera that silently changed resolution is still read correctly; the size
// is checked before decoding so a corrupt header cannot demand a huge allocation.
func mjpegToFrame(buf []byte) (Frame, error) {
	buf = withHuffmanTables(buf)
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(buf))
	if err != nil {
		return Frame{}, fmt.Errorf("MJPEG frame: %w", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > maxFrameSide || cfg.Height > maxFrameSide {
		return Frame{}, fmt.Errorf("%w: MJPEG %dx%d", ErrFrameSize, cfg.Width, cfg.Height)
	}
	img, err := jpeg.Decode(bytes.NewReader(buf))
	if err != nil {
		return Frame{}, fmt.Errorf("MJPEG frame: %w", err)
	}
	return FrameFromImage(img), nil
}

package scanner

import (
	"errors"
	"fmt"
	"image"
	_ "image/gif" // registered so that LoadImage reads GIF files
	_ "image/jpeg"
	_ "image/png"
	"os"
)

// ErrUnsupportedImage reports a file that no registered image decoder understands.
var ErrUnsupportedImage = errors.New("unsupported or corrupt image")

// LoadImage reads an image file (PNG, JPEG or GIF) into a grey frame.
func LoadImage(path string) (Frame, error) {
	fh, err := os.Open(path)
	if err != nil {
		return Frame{}, err
	}
	defer fh.Close()
	img, _, err := image.Decode(fh)
	if err != nil {
		if errors.Is(err, image.ErrFormat) {
			return Frame{}, fmt.Errorf("%s: %w", path, ErrUnsupportedImage)
		}
		return Frame{}, fmt.Errorf("%s: %w: %v", path, ErrUnsupportedImage, err)
	}
	return FrameFromImage(img), nil
}

// FrameFromImage takes the luminance of img. Grey and YCbCr (JPEG) images already hold
// it and are copied row by row; other models use the Rec. 601 weights that ZXing uses.
func FrameFromImage(img image.Image) Frame {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	out := make([]byte, w*h)
	switch m := img.(type) {
	case *image.Gray:
		for y := 0; y < h; y++ {
			off := m.PixOffset(b.Min.X, b.Min.Y+y)
			copy(out[y*w:], m.Pix[off:off+w])
		}
	case *image.YCbCr:
		for y := 0; y < h; y++ {
			off := m.YOffset(b.Min.X, b.Min.Y+y)
			copy(out[y*w:], m.Y[off:off+w])
		}
	case *image.NRGBA:
		for y := 0; y < h; y++ {
			off := m.PixOffset(b.Min.X, b.Min.Y+y)
			row := m.Pix[off : off+4*w]
			for x := 0; x < w; x++ {
				p := row[4*x : 4*x+4]
				out[y*w+x] = lumaOverWhite(uint32(p[0]), uint32(p[1]), uint32(p[2]), uint32(p[3]))
			}
		}
	default:
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				r, g, bl, a := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
				out[y*w+x] = lumaPremultiplied(r>>8, g>>8, bl>>8, a>>8)
			}
		}
	}
	return Frame{Y: out, Width: w, Height: h}
}

// lumaOverWhite composites a non-premultiplied pixel over white first: a transparent PNG
// background should read as paper, not as black ink.
func lumaOverWhite(r, g, b, a uint32) byte {
	return lumaPremultiplied(r*a/255, g*a/255, b*a/255, a)
}

func lumaPremultiplied(r, g, b, a uint32) byte {
	bg := 255 - a
	r, g, b = r+bg, g+bg, b+bg
	return byte((306*r + 601*g + 117*b + 512) >> 10)
}

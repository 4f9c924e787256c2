package credential

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"

	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/makiuchi-d/gozxing/qrcode/encoder"
)

// quietZone is the light border a QR code needs around it, in modules (ISO/IEC 18004
// asks for four).
const quietZone = 4

// QRCode is a payload laid out as QR modules, ready to draw.
type QRCode struct {
	matrix *encoder.ByteMatrix
	mode   *decoder.Mode
}

// EncodeQR lays out payload at error-correction level M, which survives a phone screen's
// glare and a scratched print. Base45 text is all QR alphanumeric characters, so
// the encoder picks alphanumeric mode (11 bits per 2 characters) on its own.
func EncodeQR(payload string) (*QRCode, error) {
	code, err := encoder.Encoder_encodeWithoutHint(payload, decoder.ErrorCorrectionLevel_M)
	if err != nil {
		return nil, fmt.Errorf("qr encode: %w", err)
	}
	return &QRCode{matrix: code.GetMatrix(), mode: code.GetMode()}, nil
}

// Mode is the QR encoding mode used, e.g. "ALPHANUMERIC".
func (q *QRCode) Mode() string { return q.mode.String() }

// Size is the number of modules per side, without the quiet zone.
func (q *QRCode) Size() int { return q.matrix.GetWidth() }

// dark reports whether module (x, y) is dark; coordinates in the quiet zone are light.
func (q *QRCode) dark(x, y int) bool {
	n := q.Size()
	if x < 0 || y < 0 || x >= n || y >= n {
		return false
	}
	return q.matrix.Get(x, y) == 1
}

// Image draws the code with scale pixels per module and the quiet zone.
func (q *QRCode) Image(scale int) image.Image {
	scale = max(scale, 1)
	side := (q.Size() + 2*quietZone) * scale
	img := image.NewGray(image.Rect(0, 0, side, side))
	for py := 0; py < side; py++ {
		for px := 0; px < side; px++ {
			c := color.Gray{Y: 0xFF}
			if q.dark(px/scale-quietZone, py/scale-quietZone) {
				c.Y = 0
			}
			img.SetGray(px, py, c)
		}
	}
	return img
}

// PNG encodes Image(scale) as PNG.
func (q *QRCode) PNG(scale int) ([]byte, error) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, q.Image(scale)); err != nil {
		return nil, fmt.Errorf("qr png: %w", err)
	}
	return buf.Bytes(), nil
}

// Text draws the code with Unicode half blocks, two module rows per line, for a
// terminal. A terminal's foreground is usually light on a dark background, so with
// lightOnDark the blocks draw the light modules and the background shows as dark;
// otherwise the blocks draw the dark modules.
func (q *QRCode) Text(lightOnDark bool) string {
	var b strings.Builder
	lo, hi := -quietZone, q.Size()+quietZone
	for y := lo; y < hi; y += 2 {
		for x := lo; x < hi; x++ {
			// The last line's lower half lies outside the code: background either way.
			top, bottom := q.dark(x, y) != lightOnDark, y+1 < hi && q.dark(x, y+1) != lightOnDark
			switch {
			case top && bottom:
				b.WriteString("█")
			case top:
				b.WriteString("▀")
			case bottom:
				b.WriteString("▄")
			default:
				b.WriteByte(' ')
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

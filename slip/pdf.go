package slip

import (
	"bytes"
	"errors"
	"fmt"
	"os"

	"github.com/go-pdf/fpdf"
)

// DefaultFont is a TrueType font with CJK glyphs found on Debian (fonts-droid-fallback).
const DefaultFont = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"

// ErrNoFont means the CJK font for the PDF is missing; the text slip still works.
var ErrNoFont = errors.New("no CJK font for the PDF slip (install fonts-droid-fallback or set the font path)")

// PDF renders the slip on one A5 page with the given TrueType font.
func PDF(s Slip, fontPath string) ([]byte, error) {
	b, err := LinesPDF("Residence permit verification "+s.Ref, lines(s), fontPath)
	if err != nil {
		return nil, fmt.Errorf("pdf slip %s: %w", s.Ref, err)
	}
	return b, nil
}

// LinesPDF sets lines on A5 pages in the CJK font, the first line as a heading: the one
// page layout of every printout the counter hands over (slips, permit information).
func LinesPDF(title string, lines []string, fontPath string) ([]byte, error) {
	font, err := os.ReadFile(fontPath)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%w: %s", ErrNoFont, fontPath)
	}
	if err != nil {
		return nil, err
	}
	doc := fpdf.New("P", "mm", "A5", "")
	doc.SetTitle(title, true)
	doc.SetCreator("onecard", true)
	doc.AddUTF8FontFromBytes("cjk", "", font)
	doc.SetMargins(12, 12, 12)
	doc.AddPage()
	for i, line := range lines {
		size := 9.5
		if i == 0 {
			size = 13
		}
		doc.SetFont("cjk", "", size)
		doc.MultiCell(0, size*0.5, line, "", "L", false)
	}
	if err := doc.Error(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := doc.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

package scanner

import (
	"fmt"
	"strings"
)

// asciiRamp runs from dark to light, for terminals without colour.
const asciiRamp = " .:-=+*#%@"

// Preview draws f in cols x rows terminal cells. With colour, each cell is an upper
// half block whose foreground is the upper pixel pair's grey and background the lower,
// in 24-bit ANSI colour, doubling the vertical resolution; without, each cell is one
// character of an ASCII ramp. Lines are separated by "\n" without a trailing one.
func Preview(f Frame, cols, rows int, colour bool) string {
	if cols <= 0 || rows <= 0 || f.Check() != nil {
		return ""
	}
	var b strings.Builder
	if !colour {
		for r := 0; r < rows; r++ {
			if r > 0 {
				b.WriteByte('\n')
			}
			for c := 0; c < cols; c++ {
				v := boxMean(f, c, cols, r, rows)
				b.WriteByte(asciiRamp[int(v)*len(asciiRamp)/256])
			}
		}
		return b.String()
	}
	b.Grow(rows * cols * 40)
	for r := 0; r < rows; r++ {
		if r > 0 {
			b.WriteByte('\n')
		}
		prevFg, prevBg := -1, -1
		for c := 0; c < cols; c++ {
			fg := int(boxMean(f, c, cols, 2*r, 2*rows))
			bg := int(boxMean(f, c, cols, 2*r+1, 2*rows))
			// repeat escapes only when the grey changes: flat areas stay small.
			if fg != prevFg {
				fmt.Fprintf(&b, "\x1b[38;2;%d;%d;%dm", fg, fg, fg)
			}
			if bg != prevBg {
				fmt.Fprintf(&b, "\x1b[48;2;%d;%d;%dm", bg, bg, bg)
			}
			prevFg, prevBg = fg, bg
			b.WriteString("▀")
		}
		b.WriteString("\x1b[0m")
	}
	return b.String()
}

// boxMean averages the pixels of cell (c, r) in a cols x rows grid over f.
func boxMean(f Frame, c, cols, r, rows int) byte {
	x0, x1 := c*f.Width/cols, (c+1)*f.Width/cols
	y0, y1 := r*f.Height/rows, (r+1)*f.Height/rows
	// when the grid is finer than the frame, a cell still covers one pixel.
	x1, y1 = max(x1, x0+1), max(y1, y0+1)
	sum := 0
	for y := y0; y < y1; y++ {
		row := f.Y[y*f.Width+x0 : y*f.Width+x1]
		for _, v := range row {
			sum += int(v)
		}
	}
	return byte(sum / ((x1 - x0) * (y1 - y0)))
}

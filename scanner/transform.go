package scanner

// The transforms below make the variants the decoder retries with. Each returns a new
// compact Frame and leaves its input untouched, because a camera buffer may be reused.

// invert swaps dark and light: dark-mode phone screens show light modules on black.
func invert(f Frame) Frame {
	n := f.Width * f.Height
	out := make([]byte, n)
	for i, v := range f.Y[:n] {
		out[i] = 255 - v
	}
	return Frame{Y: out, Width: f.Width, Height: f.Height, At: f.At}
}

// rotate turns the frame clockwise by 90, 180 or 270 degrees; other angles return f.
// gozxing's finder-pattern search scans rows, so a code at an odd angle is sometimes
// found only after the image is turned.
func rotate(f Frame, degrees int) Frame {
	w, h := f.Width, f.Height
	out := make([]byte, w*h)
	switch degrees {
	case 90:
		// source (x, y) goes to (h-1-y, x) in an h-wide image.
		for y := 0; y < h; y++ {
			row := f.Y[y*w : y*w+w]
			for x, v := range row {
				out[x*h+h-1-y] = v
			}
		}
		return Frame{Y: out, Width: h, Height: w, At: f.At}
	case 180:
		n := w * h
		for i, v := range f.Y[:n] {
			out[n-1-i] = v
		}
		return Frame{Y: out, Width: w, Height: h, At: f.At}
	case 270:
		for y := 0; y < h; y++ {
			row := f.Y[y*w : y*w+w]
			for x, v := range row {
				out[(w-1-x)*h+y] = v
			}
		}
		return Frame{Y: out, Width: h, Height: w, At: f.At}
	}
	return f
}

// downscale averages n x n blocks. On large, blurry photos the averaged image has
// sharper module edges relative to the binarizer's block size, and it is cheaper.
func downscale(f Frame, n int) Frame {
	if n <= 1 {
		return f
	}
	w, h := f.Width/n, f.Height/n
	if w == 0 || h == 0 {
		return f
	}
	out := make([]byte, w*h)
	sums := make([]int, w)
	area := n * n
	for y := 0; y < h; y++ {
		clear(sums)
		for dy := 0; dy < n; dy++ {
			row := f.Y[(y*n+dy)*f.Width:]
			for x := 0; x < w; x++ {
				for dx := 0; dx < n; dx++ {
					sums[x] += int(row[x*n+dx])
				}
			}
		}
		for x, s := range sums {
			out[y*w+x] = byte(s / area)
		}
	}
	return Frame{Y: out, Width: w, Height: h, At: f.At}
}

// upscale enlarges by n with bilinear interpolation: tiny codes have modules of one or
// two pixels, too few for the finder-pattern ratios the detector checks.
func upscale(f Frame, n int) Frame {
	if n <= 1 {
		return f
	}
	w, h := f.Width*n, f.Height*n
	out := make([]byte, w*h)
	for y := 0; y < h; y++ {
		// sample at pixel centres, in source coordinates scaled by 256 for integer maths.
		sy := ((2*y+1)*256/(2*n) - 128)
		y0, fy := clampSplit(sy, f.Height)
		y1 := min(y0+1, f.Height-1)
		for x := 0; x < w; x++ {
			sx := ((2*x+1)*256/(2*n) - 128)
			x0, fx := clampSplit(sx, f.Width)
			x1 := min(x0+1, f.Width-1)
			a := int(f.Y[y0*f.Width+x0])*(256-fx) + int(f.Y[y0*f.Width+x1])*fx
			b := int(f.Y[y1*f.Width+x0])*(256-fx) + int(f.Y[y1*f.Width+x1])*fx
			out[y*w+x] = byte((a*(256-fy) + b*fy) >> 16)
		}
	}
	return Frame{Y: out, Width: w, Height: h, At: f.At}
}

// clampSplit splits a 24.8 fixed-point coordinate into a clamped index and fraction.
func clampSplit(v, size int) (int, int) {
	if v < 0 {
		return 0, 0
	}
	i, frac := v>>8, v&0xff
	if i >= size-1 {
		return size - 1, 0
	}
	return i, frac
}

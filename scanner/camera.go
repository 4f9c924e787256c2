package scanner

// CameraConfig chooses what to ask a camera for. The driver may pick the nearest mode
// it supports; the frames' real size is what the decoder uses.
type CameraConfig struct {
	Device string // e.g. /dev/video0
	Width  int    // zero means 1280
	Height int    // zero means 720
	FPS    int    // zero means 30
}

func (c CameraConfig) withDefaults() CameraConfig {
	if c.Width <= 0 || c.Height <= 0 {
		// 720p resolves a phone-screen code at arm's length and decodes within budget.
		c.Width, c.Height = 1280, 720
	}
	if c.FPS <= 0 {
		c.FPS = 30
	}
	return c
}

// preferredFormats lists formats in the order the camera source picks them: the ones
// carrying Y directly first.
func preferredFormats() []PixelFormat {
	return []PixelFormat{FormatGREY, FormatYUYV, FormatMJPEG}
}

// size is a width and height, for choosing among a camera's modes.
type size struct{ w, h int }

// nearestSize picks the candidate closest in area to want, preferring larger on ties so
// that small codes keep their detail.
func nearestSize(want size, candidates []size) size {
	best := want
	bestDiff := -1
	for _, c := range candidates {
		d := c.w*c.h - want.w*want.h
		if d < 0 {
			d = -d
		}
		if bestDiff < 0 || d < bestDiff || (d == bestDiff && c.w*c.h > best.w*best.h) {
			best, bestDiff = c, d
		}
	}
	return best
}

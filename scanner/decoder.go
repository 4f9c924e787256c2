package scanner

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/makiuchi-d/gozxing"
	multiqr "github.com/makiuchi-d/gozxing/multi/qrcode"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// ErrNoCode means no QR code was found in the frame within the decoder's budget.
var ErrNoCode = errors.New("no QR code found")

// Code is one decoded QR code.
type Code struct {
	Text string // the payload exactly as encoded
	Via  string // the attempt that found it ("hybrid", "invert", "down2", ...)
}

// DefaultBudget bounds the retries for one live frame (DESIGN.md s.8: 10 ms per 720p
// frame); a frame not read by then is better dropped for the next one.
const DefaultBudget = 10 * time.Millisecond

// DecoderOptions tune a Decoder.
type DecoderOptions struct {
	// Budget bounds the time spent on one frame: an attempt is not started when the
	// slowest attempt so far would not finish within it. The first attempt always runs.
	// Zero means no limit (still images).
	Budget time.Duration
	// Thorough adds rotations, a 1/3 downscale, upscaling of small images and a
	// pure-barcode pass: for still images, where a second matters less than a miss.
	Thorough bool
}

// Decoder finds QR codes in grey frames. It holds no per-frame state, so one Decoder may
// be shared by goroutines.
type Decoder struct {
	budget   time.Duration
	attempts []attempt
}

// NewDecoder returns a decoder with the given options.
func NewDecoder(opts DecoderOptions) *Decoder {
	d := &Decoder{budget: opts.Budget, attempts: liveAttempts()}
	if opts.Thorough {
		d.attempts = thoroughAttempts()
	}
	return d
}

// Decode returns the codes in f, several when the image holds several, in the order the
// detector found them. It returns ErrNoCode when every attempt failed or the budget ran
// out, and ctx's error when ctx ended first.
func (d *Decoder) Decode(ctx context.Context, f Frame) ([]Code, error) {
	if err := f.Check(); err != nil {
		return nil, err
	}
	start := time.Now()
	var slowest time.Duration
	vs := variants{base: Frame{Y: f.Y[:f.Width*f.Height], Width: f.Width, Height: f.Height}}
	for _, a := range d.attempts {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		began := time.Now()
		if d.budget > 0 && began.Sub(start)+slowest > d.budget {
			break
		}
		v, ok := vs.get(a.view)
		if !ok {
			continue
		}
		texts := a.run(v)
		slowest = max(slowest, time.Since(began))
		if len(texts) == 0 {
			continue
		}
		codes := make([]Code, 0, len(texts))
		for _, t := range texts {
			codes = append(codes, Code{Text: t, Via: a.name()})
		}
		return codes, nil
	}
	return nil, ErrNoCode
}

// attempt is one way of reading a frame: a view of it and a reader configuration.
type attempt struct {
	view   view
	global bool // global-histogram binarizer instead of hybrid (local thresholds)
	multi  bool // the multi-code reader, which finds every code in the image
	pure   bool // PURE_BARCODE: the image is the code and its quiet zone only
	harder bool // TRY_HARDER: scan every row for finder patterns
}

func (a attempt) name() string {
	n := a.view.String()
	if a.global {
		n += "+global"
	}
	if a.multi {
		n += "+multi"
	}
	if a.pure {
		n += "+pure"
	}
	return n
}

// run decodes one view and returns the texts found, without duplicates.
func (a attempt) run(f Frame) []string {
	src := newPlaneSource(f)
	var bin gozxing.Binarizer
	if a.global {
		bin = gozxing.NewGlobalHistgramBinarizer(src)
	} else {
		bin = gozxing.NewHybridBinarizer(src)
	}
	bmp, err := gozxing.NewBinaryBitmap(bin)
	if err != nil {
		return nil
	}
	hints := map[gozxing.DecodeHintType]interface{}{}
	if a.harder {
		hints[gozxing.DecodeHintType_TRY_HARDER] = true
	}
	if a.pure {
		hints[gozxing.DecodeHintType_PURE_BARCODE] = true
	}
	if a.multi {
		results, err := multiqr.NewQRCodeMultiReader().DecodeMultiple(bmp, hints)
		if err != nil {
			return nil
		}
		var texts []string
		seen := map[string]bool{}
		for _, r := range results {
			if t := r.GetText(); !seen[t] {
				seen[t] = true
				texts = append(texts, t)
			}
		}
		return texts
	}
	r, err := qrcode.NewQRCodeReader().Decode(bmp, hints)
	if err != nil {
		return nil
	}
	return []string{r.GetText()}
}

// view selects a transformed copy of the frame.
type view struct {
	scale  int // > 1: downscale by scale; < -1: upscale by -scale
	rotate int // clockwise degrees: 0, 90, 180, 270
	invert bool
}

func (v view) String() string {
	n := "orig"
	switch {
	case v.scale > 1:
		n = fmt.Sprintf("down%d", v.scale)
	case v.scale < -1:
		n = fmt.Sprintf("up%d", -v.scale)
	}
	if v.rotate != 0 {
		n += fmt.Sprintf("+rot%d", v.rotate)
	}
	if v.invert {
		n += "+invert"
	}
	return n
}

// variants caches the transformed frames of one Decode call, so that two binarizers on
// the same view share one transform.
type variants struct {
	base  Frame
	cache map[view]Frame
}

// Sizes outside which a view is pointless: a code needs at least 21 modules of about
// two pixels plus quiet zone, and upscaling a large image only costs time.
const (
	minViewSide    = 60
	maxUpscaleSide = 400
)

func (vs *variants) get(v view) (Frame, bool) {
	if v == (view{}) {
		return vs.base, true
	}
	if f, ok := vs.cache[v]; ok {
		return f, true
	}
	if vs.cache == nil {
		vs.cache = map[view]Frame{}
	}
	f, ok := vs.scaled(v.scale)
	if !ok {
		return Frame{}, false
	}
	if v.invert {
		f = invert(f)
	}
	f = rotate(f, v.rotate)
	vs.cache[v] = f
	return f, true
}

// scaled returns the base frame resized by scale, cached, so rotated and inverted views
// of one scale share the resize.
func (vs *variants) scaled(scale int) (Frame, bool) {
	if scale >= -1 && scale <= 1 {
		return vs.base, true
	}
	key := view{scale: scale}
	if f, ok := vs.cache[key]; ok {
		return f, true
	}
	var f Frame
	if scale > 1 {
		if min(vs.base.Width, vs.base.Height)/scale < minViewSide {
			return Frame{}, false
		}
		f = downscale(vs.base, scale)
	} else {
		if max(vs.base.Width, vs.base.Height) > maxUpscaleSide {
			return Frame{}, false
		}
		f = upscale(vs.base, -scale)
	}
	vs.cache[key] = f
	return f, true
}

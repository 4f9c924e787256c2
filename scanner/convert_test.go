package scanner

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/jpeg"
	"testing"
)

// decodeOne fails the test unless f holds exactly the code want.
func decodeOne(t *testing.T, f Frame, want string) {
	t.Helper()
	codes, err := NewDecoder(DecoderOptions{}).Decode(context.Background(), f)
	if err != nil || len(codes) != 1 || codes[0].Text != want {
		t.Fatalf("decode: %+v, %v; want %q", codes, err, want)
	}
}

func TestYUYVToFrame(t *testing.T) {
	f := qrFrame(t, "yuyv frame", 240)
	buf := make([]byte, 2*len(f.Y))
	for i, y := range f.Y {
		buf[2*i] = y
		buf[2*i+1] = byte(64 + i%128) // chroma must not leak into luminance
	}
	got, err := ToFrame(FormatYUYV, buf, f.Width, f.Height)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Y, f.Y) {
		t.Fatal("YUYV luminance differs from the source plane")
	}
	decodeOne(t, got, "yuyv frame")
}

func TestGREYToFrameCopies(t *testing.T) {
	f := qrFrame(t, "grey frame", 200)
	buf := bytes.Clone(f.Y)
	got, err := ToFrame(FormatGREY, buf, 200, 200)
	if err != nil {
		t.Fatal(err)
	}
	buf[0] = 77 // the driver reuses its buffer
	if got.Y[0] == 77 {
		t.Fatal("frame aliases the camera buffer")
	}
	decodeOne(t, got, "grey frame")
}

func jpegOf(t *testing.T, f Frame) []byte {
	t.Helper()
	img := &image.Gray{Pix: f.Y, Stride: f.Width, Rect: image.Rect(0, 0, f.Width, f.Height)}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// stripDHT removes every Huffman-table segment, as UVC cameras send their frames.
func stripDHT(t *testing.T, jpg []byte) []byte {
	t.Helper()
	out := append([]byte(nil), jpg[:2]...)
	i := 2
	for i+4 <= len(jpg) && jpg[i+1] != 0xda {
		n := int(jpg[i+2])<<8 | int(jpg[i+3])
		if jpg[i+1] != 0xc4 {
			out = append(out, jpg[i:i+2+n]...)
		}
		i += 2 + n
	}
	out = append(out, jpg[i:]...)
	if bytes.Contains(out[:i], []byte{0xff, 0xc4}) || len(out) == len(jpg) {
		t.Fatal("test JPEG still has its DHT segment")
	}
	return out
}

func TestMJPEGToFrame(t *testing.T) {
	f := qrFrame(t, "mjpeg frame", 320)
	jpg := jpegOf(t, f)
	for name, buf := range map[string][]byte{"with tables": jpg, "uvc without tables": stripDHT(t, jpg)} {
		t.Run(name, func(t *testing.T) {
			got, err := ToFrame(FormatMJPEG, buf, 1, 1) // MJPEG takes its size from the JPEG
			if err != nil {
				t.Fatal(err)
			}
			if got.Width != 320 || got.Height != 320 {
				t.Fatalf("size %dx%d", got.Width, got.Height)
			}
			decodeOne(t, got, "mjpeg frame")
		})
	}
}

func TestToFrameBadInput(t *testing.T) {
	tests := []struct {
		name   string
		format PixelFormat
		buf    []byte
		w, h   int
		want   error
	}{
		{"yuyv short", FormatYUYV, make([]byte, 10), 4, 4, ErrFrameSize},
		{"yuyv odd width", FormatYUYV, make([]byte, 100), 3, 2, ErrFrameSize},
		{"grey short", FormatGREY, make([]byte, 3), 2, 2, ErrFrameSize},
		{"zero size", FormatGREY, nil, 0, 5, ErrFrameSize},
		{"huge size", FormatGREY, nil, 1 << 20, 1 << 20, ErrFrameSize},
		{"mjpeg garbage", FormatMJPEG, []byte{0xff, 0xd8, 0xff, 0xda, 0, 2}, 1, 1, nil},
		{"unknown format", PixelFormat(0x34325652), make([]byte, 16), 2, 2, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ToFrame(tt.format, tt.buf, tt.w, tt.h)
			if err == nil {
				t.Fatal("no error")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestFrameFromImageModels(t *testing.T) {
	f := qrFrame(t, "image models", 200)
	gray := &image.Gray{Pix: f.Y, Stride: 200, Rect: image.Rect(0, 0, 200, 200)}
	rgba := image.NewRGBA(gray.Rect)
	nrgba := image.NewNRGBA(gray.Rect)
	for i, v := range f.Y {
		copy(rgba.Pix[4*i:], []byte{v, v, v, 255})
		// transparent where light: must read as white paper, not black.
		a := byte(255)
		if v == 255 {
			a = 0
		}
		copy(nrgba.Pix[4*i:], []byte{v, v, v, a})
	}
	for name, img := range map[string]image.Image{"gray": gray, "rgba": rgba, "nrgba transparent": nrgba} {
		t.Run(name, func(t *testing.T) {
			got := FrameFromImage(img)
			if !bytes.Equal(got.Y, f.Y) {
				t.Fatal("luminance differs")
			}
		})
	}
}

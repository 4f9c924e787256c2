package cli

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// writeQRPNG writes a PNG holding text as a QR code, or a blank image when text is "".
func writeQRPNG(t *testing.T, dir, name, text string) string {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 240, 240))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	if text != "" {
		hints := map[gozxing.EncodeHintType]interface{}{gozxing.EncodeHintType_CHARACTER_SET: "UTF-8"}
		m, err := qrcode.NewQRCodeWriter().Encode(text, gozxing.BarcodeFormat_QR_CODE, 240, 240, hints)
		if err != nil {
			t.Fatal(err)
		}
		for y := 0; y < 240; y++ {
			for x := 0; x < 240; x++ {
				if m.Get(x, y) {
					img.Pix[y*240+x] = 0
				}
			}
		}
	}
	path := filepath.Join(dir, name)
	fh, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	if err := png.Encode(fh, img); err != nil {
		t.Fatal(err)
	}
	return path
}

func runScanCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Run(context.Background(), append([]string{"scan"}, args...), Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut})
	return code, out.String(), errOut.String()
}

func TestScanImages(t *testing.T) {
	dir := t.TempDir()
	a := writeQRPNG(t, dir, "a.png", "WPN1:第一")
	b := writeQRPNG(t, dir, "b.png", "ESC1:SECOND")
	blank := writeQRPNG(t, dir, "blank.png", "")
	notImage := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notImage, []byte("not an image"), 0o600); err != nil {
		t.Fatal(err)
	}

	t.Run("payloads one per line", func(t *testing.T) {
		code, out, _ := runScanCmd(t, "--image", a, b)
		if code != 0 || out != "WPN1:第一\nESC1:SECOND\n" {
			t.Fatalf("exit %d, stdout %q", code, out)
		}
	})
	t.Run("no code is exit 4, others still printed", func(t *testing.T) {
		code, out, errOut := runScanCmd(t, "--image", blank, "--image", a)
		if code != 4 || out != "WPN1:第一\n" || !strings.Contains(errOut, "blank.png") {
			t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
		}
	})
	t.Run("unreadable file is named", func(t *testing.T) {
		code, out, errOut := runScanCmd(t, "--image", notImage, a)
		if code != 1 || out != "WPN1:第一\n" || !strings.Contains(errOut, "notes.txt") {
			t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
		}
	})
	t.Run("missing file is named", func(t *testing.T) {
		missing := filepath.Join(dir, "missing.png")
		code, _, errOut := runScanCmd(t, "--image", missing)
		if code != 1 || !strings.Contains(errOut, "missing.png") {
			t.Fatalf("exit %d, stderr %q", code, errOut)
		}
	})
	t.Run("no source is a usage error", func(t *testing.T) {
		if code, _, _ := runScanCmd(t); code != 64 {
			t.Fatalf("exit %d, want 64", code)
		}
	})
}

func TestScanCommandStream(t *testing.T) {
	// a live source that ends by itself: a recording of grey frames piped through cat.
	dir := t.TempDir()
	pngPath := writeQRPNG(t, dir, "c.png", "STREAMED")
	fh, err := os.Open(pngPath)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(fh)
	fh.Close()
	if err != nil {
		t.Fatal(err)
	}
	raw := filepath.Join(dir, "frames.gray")
	if err := os.WriteFile(raw, img.(*image.Gray).Pix, 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runScanCmd(t, "--command", "cat "+raw, "--size", "240x240")
	if code != 0 || out != "STREAMED\n" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

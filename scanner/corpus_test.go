package scanner

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// corpusRateFloor is the measured rate on the ZXing blackbox QR corpus, rounded down:
// the test fails if a change makes the decoder read fewer images than this.
const corpusRateFloor = 0.938

// corpusDir finds shared/qr/zxing-blackbox beside the repository, as CI lays it out, or
// the directory named by ONECARD_QR_CORPUS.
func corpusDir(t testing.TB) string {
	t.Helper()
	if dir := os.Getenv("ONECARD_QR_CORPUS"); dir != "" {
		return dir
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("repository root (go.mod) not found")
		}
		dir = parent
	}
	corpus := filepath.Join(dir, "..", "shared", "qr", "zxing-blackbox")
	if _, err := os.Stat(corpus); err != nil {
		t.Skipf("QR corpus absent (%v); set ONECARD_QR_CORPUS", err)
	}
	return corpus
}

type corpusCase struct {
	image, want string
}

func loadCorpus(t testing.TB) []corpusCase {
	t.Helper()
	dir := corpusDir(t)
	var cases []corpusCase
	for _, ext := range []string{".png", ".jpg", ".gif"} {
		imgs, err := filepath.Glob(filepath.Join(dir, "qrcode-*", "*"+ext))
		if err != nil {
			t.Fatal(err)
		}
		for _, img := range imgs {
			want, err := os.ReadFile(strings.TrimSuffix(img, ext) + ".txt")
			if err != nil {
				continue // an image without a label is not part of the test
			}
			cases = append(cases, corpusCase{image: img, want: string(want)})
		}
	}
	sort.Slice(cases, func(i, j int) bool { return cases[i].image < cases[j].image })
	if len(cases) == 0 {
		t.Fatalf("no labelled images in %s", dir)
	}
	return cases
}

func TestCorpusRate(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus decode takes tens of seconds")
	}
	cases := loadCorpus(t)
	dec := NewDecoder(DecoderOptions{Thorough: true})
	via := map[string]int{}
	ok := 0
	for _, c := range cases {
		f, err := LoadImage(c.image)
		if err != nil {
			t.Fatalf("load %s: %v", c.image, err)
		}
		codes, _ := dec.Decode(context.Background(), f)
		hit := ""
		for _, code := range codes {
			if code.Text == c.want {
				hit = code.Via
			}
		}
		if hit == "" {
			t.Logf("miss %s", c.image)
			continue
		}
		ok++
		via[hit]++
	}
	rate := float64(ok) / float64(len(cases))
	names := make([]string, 0, len(via))
	for n := range via {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		t.Logf("first read by %-20s %3d", n, via[n])
	}
	t.Logf("corpus: %d/%d = %.1f %%", ok, len(cases), 100*rate)
	if rate < corpusRateFloor {
		t.Errorf("corpus rate %.3f under the floor %.3f", rate, corpusRateFloor)
	}
}

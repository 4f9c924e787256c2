package scanner

import (
	"context"
	"io"
)

// ImageFiles is a FrameReader over image files, one frame per file, then io.EOF.
type ImageFiles struct {
	paths []string
}

// NewImageFiles reads the given files in order.
func NewImageFiles(paths ...string) *ImageFiles { return &ImageFiles{paths: paths} }

// ReadFrame loads the next file; a file that cannot be read is an error naming it.
func (s *ImageFiles) ReadFrame(ctx context.Context) (Frame, error) {
	if err := ctx.Err(); err != nil {
		return Frame{}, err
	}
	if len(s.paths) == 0 {
		return Frame{}, io.EOF
	}
	path := s.paths[0]
	s.paths = s.paths[1:]
	return LoadImage(path)
}

// Close does nothing: each file is closed as soon as it is read.
func (s *ImageFiles) Close() error { return nil }

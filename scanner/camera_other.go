//go:build !linux

package scanner

import (
	"context"
	"errors"
)

// Camera returns a Pipeline whose opener fails: only V4L2 (Linux) cameras are supported.
func Camera(cfg CameraConfig, dec FrameDecoder) *Pipeline {
	cfg = cfg.withDefaults()
	return &Pipeline{
		Label:   "camera " + cfg.Device,
		Decoder: dec,
		Open: func(ctx context.Context) (FrameReader, error) {
			return nil, errors.New("cameras are supported on Linux (V4L2) only")
		},
	}
}

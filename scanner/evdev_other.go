//go:build !linux

package scanner

import (
	"errors"
	"io"
)

func openGrabbed(path string) (io.ReadCloser, error) {
	return nil, errors.New("evdev input devices exist on Linux only")
}

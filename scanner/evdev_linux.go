//go:build linux

package scanner

import (
	"fmt"
	"io"
	"os"

	"golang.org/x/sys/unix"
)

// eviocgrab is EVIOCGRAB, _IOW('E', 0x90, int).
const eviocgrab = 0x40044590

// openGrabbed opens an input device and grabs it. The ioctl goes through the raw
// connection so the file stays in Go's poller and Close can interrupt a blocked Read.
func openGrabbed(path string) (io.ReadCloser, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|unix.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	rc, err := f.SyscallConn()
	if err != nil {
		f.Close()
		return nil, err
	}
	var ioctlErr error
	if err := rc.Control(func(fd uintptr) {
		ioctlErr = unix.IoctlSetInt(int(fd), eviocgrab, 1) // EVIOCGRAB takes the int by value
	}); err != nil {
		f.Close()
		return nil, err
	}
	if ioctlErr != nil {
		f.Close()
		return nil, fmt.Errorf("grab %s: %w", path, ioctlErr)
	}
	return f, nil
}

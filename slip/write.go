package slip

import (
	"fmt"
	"os"
	"path/filepath"
)

// Write puts data at path. A printer device (a character device such as /dev/usb/lp0)
// is written directly; a file is written beside its destination and renamed into place,
// so a slip is never left half-written.
func Write(path string, data []byte) error {
	if fi, err := os.Stat(path); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return fmt.Errorf("printer %s: %w", path, err)
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			return fmt.Errorf("printer %s: %w", path, err)
		}
		return f.Close()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".slip-*")
	if err != nil {
		return fmt.Errorf("slip %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("slip %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("slip %s: %w", path, err)
	}
	return os.Rename(tmp.Name(), path)
}

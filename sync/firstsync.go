package sync

import (
	"context"
	"fmt"

	"onecard/config"
	"onecard/store"
)

// EnrollAndSync enrolls the terminal in dir and fills its store with a first sync, so
// that the login that follows knows the branch's staff.
func EnrollAndSync(ctx context.Context, dir, centralURL, code string) error {
	if _, err := Enroll(ctx, dir, centralURL, code); err != nil {
		return err
	}
	st, err := store.Open(ctx, config.KioskDB(dir))
	if err != nil {
		return err
	}
	defer st.Close()
	c, err := Open(dir, st, Options{Alone: true})
	if err != nil {
		return err
	}
	defer c.Close()
	if err := c.Round(ctx); err != nil {
		return fmt.Errorf("first sync: %w", err)
	}
	return nil
}

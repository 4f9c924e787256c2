package cli

import (
	"context"

	"onecard/config"
	"onecard/store"
)

// openTerminal loads a terminal's config and opens its kiosk store, for the commands
// that act as the terminal (verify, trust import).
func openTerminal(ctx context.Context, dir string) (config.Config, *store.Store, error) {
	cfg, err := config.Load(dir)
	if err != nil {
		return cfg, nil, err
	}
	st, err := store.Open(ctx, config.KioskDB(dir))
	return cfg, st, err
}

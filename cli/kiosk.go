package cli

import "context"

func runKiosk(ctx context.Context, env Env, args []string) error {
	return notYet("onecard kiosk")
}

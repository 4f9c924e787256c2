package cli

import "context"

func runQR(ctx context.Context, env Env, args []string) error {
	return notYet("onecard qr")
}

package cli

import "context"

func runCentral(ctx context.Context, env Env, args []string) error {
	return notYet("onecard central")
}

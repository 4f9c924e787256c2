package cli

import "context"

func runSeed(ctx context.Context, env Env, args []string) error {
	return notYet("onecard seed")
}

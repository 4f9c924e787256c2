package cli

import "context"

func runSync(ctx context.Context, env Env, args []string) error {
	return notYet("onecard sync")
}

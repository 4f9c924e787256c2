package cli

import "context"

func runDemo(ctx context.Context, env Env, args []string) error {
	return notYet("onecard demo")
}

package cli

import "context"

func runMRZ(ctx context.Context, env Env, args []string) error {
	return notYet("onecard mrz")
}

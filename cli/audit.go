package cli

import "context"

func runAudit(ctx context.Context, env Env, args []string) error {
	return notYet("onecard audit")
}

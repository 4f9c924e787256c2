package cli

import "context"

func runEnroll(ctx context.Context, env Env, args []string) error {
	return notYet("onecard enroll")
}

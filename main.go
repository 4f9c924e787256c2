// Command onecard is the counter terminal for foreigners' work permits integrated with the
// electronic social security card: the kiosk, its central system and operator tools.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"onecard/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr})
	stop()
	os.Exit(code)
}

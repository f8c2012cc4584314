// Command koans is the gorm-koans CLI: watch, run, verify and grade koans.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/gorm-koans/gorm-koans/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Run(ctx, os.Args[1:], cli.Stdio())
	stop()
	os.Exit(code)
}

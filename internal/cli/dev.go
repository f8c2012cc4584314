package cli

import (
	"context"
	"fmt"

	"github.com/gorm-koans/gorm-koans/internal/devcheck"
)

func runDev(ctx context.Context, args []string, stdio IO) error {
	if len(args) == 0 {
		return usagef("dev needs a subcommand (valid: check, gen)")
	}
	switch args[0] {
	case "gen":
		if err := noArgs("dev gen", args[1:]); err != nil {
			return err
		}
		root, err := findRoot(stdio.Dir)
		if err != nil {
			return err
		}
		changed, err := devcheck.Generate(root)
		if err != nil {
			return fmt.Errorf("generating koans: %w", err)
		}
		for _, f := range changed {
			fmt.Fprintf(stdio.Out, "wrote %s\n", f)
		}
		fmt.Fprintf(stdio.Out, "koans/ is up to date with solutions/ (%d files changed)\n", len(changed))
		return nil
	case "check":
		return runDevCheck(ctx, args[1:], stdio)
	}
	return usagef("unknown dev subcommand %q (valid: check, gen)", args[0])
}

func noArgs(cmd string, args []string) error {
	if len(args) > 0 {
		return usagef("%s takes no arguments, got %q", cmd, args[0])
	}
	return nil
}

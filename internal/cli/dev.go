package cli

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/devcheck"
	"github.com/gorm-koans/gorm-koans/internal/originals"
	"github.com/gorm-koans/gorm-koans/internal/trace"
)

func runDev(ctx context.Context, args []string, stdio IO) error {
	if len(args) == 0 {
		return usagef("dev needs a subcommand (valid: check, gen)")
	}
	if root, err := findRoot(stdio.Dir); err == nil && !originals.HasSolutions(os.DirFS(root)) {
		return usagef("dev %s is for the koans' authors: this repository has no solutions/", args[0])
	}
	switch args[0] {
	case "gen":
		root, err := findRoot(stdio.Dir)
		if err != nil {
			return err
		}
		phases, err := solutionPhases(root, args[1:])
		if err != nil {
			return err
		}
		var changed []string
		for _, phase := range phases {
			files, err := devcheck.Generate(root, phase)
			if err != nil {
				return fmt.Errorf("generating koans: %w", err)
			}
			changed = append(changed, files...)
		}
		traces, err := trace.Generate(ctx, root, stdio.database(), nonEmpty(phases))
		if err != nil {
			return fmt.Errorf("generating koans: %w", err)
		}
		changed = append(changed, traces...)
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

// solutionPhases resolves phase arguments ("4", "04_session") against the
// phase directories of solutions/; none means every phase ("").
func solutionPhases(root string, args []string) ([]string, error) {
	if len(args) == 0 {
		return []string{""}, nil
	}
	cat, err := catalog.LoadDir(root, catalog.SolutionsDir)
	if err != nil {
		return nil, err
	}
	var dirs []string
	for _, a := range args {
		p, ok := cat.Phase(a)
		if !ok {
			return nil, usagef("unknown phase %q (valid: %s)", a, phaseNames(cat))
		}
		dirs = append(dirs, p.Dir)
	}
	return dirs, nil
}

// nonEmpty turns solutionPhases' "every phase" ([""]) into none named.
func nonEmpty(phases []string) []string {
	if len(phases) == 1 && phases[0] == "" {
		return nil
	}
	return phases
}

func phaseNames(cat *catalog.Catalog) string {
	var names []string
	for _, p := range cat.Phases {
		names = append(names, p.Dir)
	}
	return strings.Join(names, ", ")
}

func noArgs(cmd string, args []string) error {
	if len(args) > 0 {
		return usagef("%s takes no arguments, got %q", cmd, args[0])
	}
	return nil
}

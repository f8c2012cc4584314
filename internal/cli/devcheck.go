package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/gorm-koans/gorm-koans/internal/devcheck"
	"github.com/gorm-koans/gorm-koans/internal/report"
	"github.com/gorm-koans/gorm-koans/internal/trace"
)

func runDevCheck(ctx context.Context, args []string, stdio IO) error {
	root, err := findRoot(stdio.Dir)
	if err != nil {
		return err
	}
	phases, err := solutionPhases(root, args)
	if err != nil {
		return err
	}
	phases = nonEmpty(phases)
	style := report.NewStyle(stdio.colour())
	rep, err := devcheck.Check(ctx, root, stdio.database(), phases, func(msg string) {
		fmt.Fprintln(stdio.Err, style.Dim("dev check: "+msg))
	})
	if err != nil {
		return fmt.Errorf("dev check: %w", err)
	}
	fmt.Fprintln(stdio.Err, style.Dim("dev check: recording the solutions' SQL (the second hint's reference)…"))
	drifts, err := trace.Drift(ctx, root, stdio.database(), phases)
	if err != nil {
		return fmt.Errorf("dev check: %w", err)
	}
	for _, d := range drifts {
		rep.Problems = append(rep.Problems, devcheck.Problem{Koan: d, What: "reference SQL out of date"})
	}
	if len(rep.Problems) == 0 {
		fmt.Fprintf(stdio.Out, "%s dev check: %d koans — koans/ matches solutions/, every shipped koan fails at its blank, every solution passes; on %s %d dodges ran, all failed, and %d honest alternatives passed\n", style.Pass("✓"), rep.Koans, strings.Join(rep.Builds, " and "), rep.Dodges, rep.Honest)
		return nil
	}
	for _, p := range rep.Problems {
		fmt.Fprintf(stdio.Out, "%s %s\n", style.Fail("✗"), p)
	}
	noun := "problems"
	if len(rep.Problems) == 1 {
		noun = "problem"
	}
	fmt.Fprintf(stdio.Out, "dev check: %d %s in %d koans\n", len(rep.Problems), noun, rep.Koans)
	return failingError{}
}

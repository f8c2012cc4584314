package cli

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/originals"
	"github.com/gorm-koans/gorm-koans/internal/report"
)

func runReset(_ context.Context, args []string, stdio IO) error {
	fs := flag.NewFlagSet("reset", flag.ContinueOnError)
	yes := fs.Bool("yes", false, "do not ask before overwriting")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usagef("reset takes one KOAN or PHASE, e.g. `koans reset 01_layers/TestModelLayer`")
	}
	s, err := newSession(stdio)
	if err != nil {
		return err
	}
	k, isKoan := s.cat().Koan(rest[0])
	p, isPhase := s.cat().Phase(rest[0])
	if !isKoan && !isPhase {
		_, err := s.resolve(rest[0])
		return err
	}
	what := "every koan of phase " + rest[0]
	var others []string // the koans a missing file brings back with k
	var helpers []string
	if isKoan {
		helpers = missingHelpers(k.Phase)
		what = k.ID
		if k.Missing {
			for _, o := range k.Phase.Koans {
				if o.File == k.File && o != k {
					others = append(others, o.ID)
				}
			}
			what = fmt.Sprintf("%s, which is missing: its file %s comes back as shipped", k.ID, k.File)
			if len(others) > 0 {
				what += ", with " + strings.Join(others, ", ")
			}
		}
		if len(helpers) > 0 {
			what += " (and the missing " + strings.Join(helpers, ", ") + ")"
		}
	}
	if !*yes {
		if !stdio.Terminal {
			return usagef("reset overwrites your work on %s; pass --yes to confirm without a terminal", what)
		}
		question := fmt.Sprintf("Reset %s as shipped? Your changes to it will be lost. [y/N] ", what)
		if isKoan && k.Missing {
			question = fmt.Sprintf("Restore %s? [y/N] ", what)
		}
		width := 0
		if stdio.Width != nil {
			width = stdio.Width()
		}
		fmt.Fprint(stdio.Out, report.Wrap(question, width))
		answer, _ := bufio.NewReader(stdio.In).ReadString('\n')
		if a := strings.ToLower(strings.TrimSpace(answer)); a != "y" && a != "yes" {
			fmt.Fprintln(stdio.Out, "nothing changed.")
			return nil
		}
	}
	// A koan put back as shipped is untried again: its verdict unknown,
	// its predict-first SQL held back until the learner tries it anew.
	var reset []string
	if isKoan {
		reset = append([]string{k.ID}, others...)
	} else {
		for _, o := range p.Koans {
			reset = append(reset, o.ID)
		}
	}
	_ = s.ws.State.Forget(reset...)
	if isKoan {
		if err := restoreFiles(s.root, k.Phase, helpers); err != nil {
			return fmt.Errorf("resetting %s: %w", k.ID, err)
		}
		for _, f := range helpers {
			fmt.Fprintf(stdio.Out, "restored %s, which was missing\n", f)
		}
		changed, err := originals.ResetKoan(s.root, k)
		if err != nil {
			return fmt.Errorf("resetting %s: %w", k.ID, err)
		}
		if !changed {
			fmt.Fprintf(stdio.Out, "%s is already as shipped.\n", k.ID)
			return nil
		}
		if k.Missing {
			fmt.Fprintf(stdio.Out, "restored %s as shipped: %s\n", k.File, strings.Join(append([]string{k.ID}, others...), ", "))
			return nil
		}
		fmt.Fprintf(stdio.Out, "reset %s in %s\n", k.ID, k.File)
		return nil
	}
	files, err := originals.ResetPhase(s.root, p)
	if err != nil {
		return fmt.Errorf("resetting %s: %w", p.Dir, err)
	}
	for _, f := range files {
		fmt.Fprintf(stdio.Out, "reset %s\n", f)
	}
	if len(files) == 0 {
		fmt.Fprintf(stdio.Out, "%s is already as shipped.\n", p.Dir)
	}
	return nil
}

func runSolution(ctx context.Context, args []string, stdio IO) error {
	fs := flag.NewFlagSet("solution", flag.ContinueOnError)
	force := fs.Bool("force", false, "show it even though the koan does not pass yet")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usagef("solution takes one KOAN, e.g. `koans solution 01_layers/TestModelLayer`")
	}
	s, err := newSession(stdio)
	if err != nil {
		return err
	}
	k, ok := s.cat().Koan(rest[0])
	if !ok {
		return usagef("unknown koan %q (a koan is PHASE/TestName, e.g. %s; `koans list` shows them all)", rest[0], s.cat().Koans()[0].ID)
	}
	if !originals.HasSolutions(os.DirFS(s.root)) {
		return usagef("this repository has no solutions: they are with your instructor (`koans hint %s` gives a hint)", k.ID)
	}
	if !*force {
		results, err := s.run(ctx, []*catalog.Koan{k})
		if err != nil {
			return err
		}
		if !results[0].Passed() {
			fmt.Fprintf(stdio.Out, "%s does not pass yet: solve it first (`koans hint %s` helps), or pass --force to look anyway.\n", k.ID, k.Name)
			return failingError{}
		}
	}
	src, err := originals.Solution(s.root, k)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdio.Out, "%s\n\n%s\n", s.style.Bold("Solution of "+k.ID), src)
	return nil
}

package cli

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/report"
	"github.com/gorm-koans/gorm-koans/internal/runner"
	"github.com/gorm-koans/gorm-koans/internal/score"
)

// onePass shows the first failing koan, or the end of the path.
func (s *session) onePass(ctx context.Context) error {
	first, all, done, err := s.firstFailure(ctx)
	if err != nil {
		return err
	}
	s.print(func(w io.Writer) {
		report.Progress(w, s.style, s.cat(), s.ws.Known(all))
		fmt.Fprintln(w)
		if done {
			fmt.Fprintf(w, "%s every koan passes. You have walked the whole path.\n", s.style.Pass("✓"))
			return
		}
		report.KoanView(w, s.style, first, s.ws.View(first.Koan))
	})
	if done {
		return nil
	}
	_ = s.ws.State.Shown(first.Koan.ID)
	return failingError{}
}

func runRun(ctx context.Context, args []string, stdio IO) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 1 {
		return usagef("run takes at most one KOAN or PHASE, got %d", len(rest))
	}
	s, err := newSession(stdio)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		return s.onePass(ctx)
	}
	koans, err := s.resolve(rest[0])
	if err != nil {
		return err
	}
	results, err := s.run(ctx, koans)
	if err != nil {
		return err
	}
	var shown *runner.Result
	for i, r := range results {
		if !r.Passed() {
			shown = &results[i]
			break
		}
	}
	if shown == nil && len(results) == 1 {
		shown = &results[0]
	}
	s.print(func(w io.Writer) {
		if len(results) > 1 {
			for _, r := range results {
				fmt.Fprintf(w, "%s %s\n", s.style.Mark(r), r.Koan.ID)
			}
			fmt.Fprintln(w)
		}
		if shown != nil {
			report.KoanView(w, s.style, *shown, s.ws.View(shown.Koan))
		}
		fmt.Fprintln(w)
		report.Progress(w, s.style, s.cat(), s.ws.Known(results))
	})
	if shown != nil {
		_ = s.ws.State.Shown(shown.Koan.ID)
		if !shown.Passed() {
			return failingError{}
		}
	}
	return nil
}

func runHint(ctx context.Context, args []string, stdio IO) error {
	fs := flag.NewFlagSet("hint", flag.ContinueOnError)
	more := fs.Bool("more", false, "the second hint: the SQL your code sent beside the SQL the solution sends")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 1 {
		return usagef("hint takes at most one KOAN, got %d", len(rest))
	}
	s, err := newSession(stdio)
	if err != nil {
		return err
	}
	k, err := s.hintKoan(ctx, rest)
	if err != nil || k == nil {
		return err
	}
	// The hint may point at the SQL: show it, from a run of the koan now.
	results, err := s.run(ctx, []*catalog.Koan{k})
	if err != nil {
		return err
	}
	r := results[0]
	v := s.ws.View(k)
	v.Help = report.HintHelp
	if *more {
		v.Help = report.CompareHelp
	}
	rung := v.Help.Rung()
	s.print(func(w io.Writer) {
		report.Hint(w, s.style, k)
		if k.Docs != "" {
			fmt.Fprintf(w, "  %s %s\n", s.style.Dim("docs:"), s.style.URL(k.Docs))
		}
		if r.Passed() {
			fmt.Fprintf(w, "\n%s passes already.\n", k.ID)
			return
		}
		if !k.Missing {
			report.SQL(w, s.style, r, v.HoldSQL && !rung.ShowSQL)
		}
		if rung.Compare {
			fmt.Fprintln(w)
			report.Compare(w, s.style, r, s.ws.Reference(k))
		} else {
			fmt.Fprintf(w, "\n%s\n", s.style.Dim(fmt.Sprintf("still stuck? `koans hint --more %s`: your SQL beside the solution's", k.ID)))
		}
	})
	return nil
}

// hintKoan is the koan named, else the one last shown (unless it passes
// since), else the path's first failing koan; nil (and a message) when every koan passes.
func (s *session) hintKoan(ctx context.Context, rest []string) (*catalog.Koan, error) {
	if len(rest) == 1 {
		koans, err := s.resolve(rest[0])
		if err != nil || len(koans) != 1 {
			return nil, usagef("unknown koan %q (a koan is PHASE/TestName, e.g. %s; `koans list` shows them all)", rest[0], s.cat().Koans()[0].ID)
		}
		return koans[0], nil
	}
	status, _ := s.ws.State.Load()
	if k, ok := s.cat().Koan(s.ws.State.LastShown()); ok && status[k.ID] != runner.Pass {
		return k, nil
	}
	first, _, done, err := s.firstFailure(ctx)
	if err != nil {
		return nil, err
	}
	if done {
		fmt.Fprintln(s.io.Out, "every koan passes: no hint needed.")
		return nil, nil
	}
	return first.Koan, nil
}

func runList(ctx context.Context, args []string, stdio IO) error {
	fs := flag.NewFlagSet("list", flag.ContinueOnError)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := noArgs("list", rest); err != nil {
		return err
	}
	s, err := newSession(stdio)
	if err != nil {
		return err
	}
	results, err := s.run(ctx, s.cat().Koans())
	if err != nil {
		return err
	}
	s.print(func(w io.Writer) {
		report.List(w, s.style, s.cat(), score.Results(results))
		report.Progress(w, s.style, s.cat(), s.ws.Known(results))
	})
	return nil
}

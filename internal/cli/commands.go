package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/gorm-koans/gorm-koans/internal/report"
)

// onePass shows the first failing koan, or the end of the path.
func (s *session) onePass(ctx context.Context) error {
	first, all, done, err := s.firstFailure(ctx)
	if err != nil {
		return err
	}
	report.Progress(s.io.Out, s.style, s.cat, byID(all))
	fmt.Fprintln(s.io.Out)
	if done {
		fmt.Fprintf(s.io.Out, "%s every koan passes. You have walked the whole path.\n", s.style.Pass("✓"))
		return nil
	}
	report.Koan(s.io.Out, s.style, first)
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
	if len(results) > 1 {
		for _, r := range results {
			fmt.Fprintf(s.io.Out, "%s %s\n", s.style.Mark(r), r.Koan.ID)
		}
		fmt.Fprintln(s.io.Out)
	}
	for _, r := range results {
		if !r.Passed() {
			report.Koan(s.io.Out, s.style, r)
			return failingError{}
		}
	}
	if len(results) == 1 {
		report.Koan(s.io.Out, s.style, results[0])
	}
	return nil
}

func runHint(ctx context.Context, args []string, stdio IO) error {
	fs := flag.NewFlagSet("hint", flag.ContinueOnError)
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
	if len(rest) == 1 {
		k, ok := s.cat.Koan(rest[0])
		if !ok {
			return usagef("unknown koan %q (a koan is PHASE/TestName, e.g. %s; `koans list` shows them all)", rest[0], s.cat.Koans()[0].ID)
		}
		report.Hint(s.io.Out, s.style, k)
		return nil
	}
	first, _, done, err := s.firstFailure(ctx)
	if err != nil {
		return err
	}
	if done {
		fmt.Fprintln(s.io.Out, "every koan passes: no hint needed.")
		return nil
	}
	report.Hint(s.io.Out, s.style, first.Koan)
	return nil
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
	results, err := s.run(ctx, s.cat.Koans())
	if err != nil {
		return err
	}
	report.List(s.io.Out, s.style, s.cat, byID(results))
	report.Progress(s.io.Out, s.style, s.cat, byID(results))
	return nil
}

func runVerify(ctx context.Context, args []string, stdio IO) error {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	format := fs.String("format", "text", "text or json")
	output := fs.String("output", "", "write the report to this file instead of standard output")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := noArgs("verify", rest); err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return usagef("unknown format %q (valid: text, json)", *format)
	}
	s, err := newSession(stdio)
	if err != nil {
		return err
	}
	results, err := s.run(ctx, s.cat.Koans())
	if err != nil {
		return err
	}
	w := s.io.Out
	var file *os.File
	if *output != "" {
		path := *output
		if !filepath.IsAbs(path) {
			path = filepath.Join(stdio.Dir, path)
		}
		file, err = os.Create(path)
		if err != nil {
			return usagef("cannot write the report to %s: %v", *output, err)
		}
		w = file
		s.style = report.NewStyle(false)
	}
	switch *format {
	case "json":
		err = report.JSON(w, results)
	default:
		report.Verify(w, s.style, s.cat, results)
	}
	if file != nil {
		if cerr := file.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("writing %s: %w", *output, cerr)
		}
	}
	if err != nil {
		return err
	}
	if anyFailed(results) {
		return failingError{}
	}
	return nil
}

package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"

	"github.com/gorm-koans/gorm-koans/internal/dbreach"
	"github.com/gorm-koans/gorm-koans/internal/grade"
)

func runGrade(ctx context.Context, args []string, stdio IO) error {
	fs := flag.NewFlagSet("grade", flag.ContinueOnError)
	jobs := fs.Int("jobs", max(1, runtime.NumCPU()), "submissions graded at once")
	format := fs.String("format", grade.Formats[0].Name, formatNames(gradeFormats(), ", "))
	original := fs.String("original", "", "a clean checkout to grade against (default: the copy inside this CLI)")
	timeout := fs.Duration("timeout", grade.DefaultTimeout, "how long one koan of one submission may run")
	output := fs.String("output", "", "write the gradebook to this file instead of standard output")
	noSandbox := fs.Bool("no-sandbox", false, "run submissions' code without bubblewrap (only where you trust it)")
	allowSuper := fs.Bool(dbreach.AllowSuperuserFlag[2:], false, "on PostgreSQL, grade even when koans would connect as a superuser (only where you trust every submission)")
	dirs, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(dirs) == 0 {
		return usagef("grade needs at least one submission directory, e.g. `koans grade submissions/*`")
	}
	i := slices.IndexFunc(grade.Formats, func(f grade.Format) bool { return f.Name == *format })
	if i < 0 {
		return unknownFormat(*format, gradeFormats())
	}
	if *jobs < 1 || *timeout <= 0 {
		return usagef("--jobs must be at least 1 and --timeout positive")
	}
	for i, d := range dirs {
		if !filepath.IsAbs(d) {
			dirs[i] = filepath.Join(stdio.Dir, d)
		}
		if fi, err := os.Stat(filepath.Join(dirs[i], "koans")); err != nil || !fi.IsDir() {
			return usagef("%s is not a gorm-koans submission (it has no koans/ directory)", d)
		}
	}
	g, err := newGrader(stdio, *original, *timeout, !*noSandbox, *allowSuper)
	if err != nil {
		return err
	}
	defer g.Close()
	if err := ready(ctx, stdio, g, "grade"); err != nil {
		return err
	}
	cat := g.Catalog
	if *original == "" && !releasedBuild() {
		fmt.Fprintln(stdio.Err, "koans grade: grading against the koans built into this CLI, which come from a local checkout, not a release; pass --original DIR with a clean checkout to be sure")
	}
	if *noSandbox {
		fmt.Fprintln(stdio.Err, "koans grade: no sandbox: submissions' code runs with your rights")
	}

	fmt.Fprintf(stdio.Err, "grading %d submissions on %s, %d at a time…\n", len(dirs), onWhat(g), *jobs)
	subs := g.Many(ctx, dirs, *jobs, func(done, total int, s grade.Submission) {
		status := fmt.Sprintf("%d/%d points", s.Sheet.Score, s.Sheet.Max)
		if s.Err != nil {
			status = "not graded: " + s.Err.Error()
		}
		fmt.Fprintf(stdio.Err, "[%d/%d] %s: %s\n", done, total, s.Name, status)
	})
	if ctx.Err() != nil {
		return ctx.Err()
	}
	w := stdio.Out
	var file *os.File
	if *output != "" {
		path := *output
		if !filepath.IsAbs(path) {
			path = filepath.Join(stdio.Dir, path)
		}
		if file, err = os.Create(path); err != nil {
			return usagef("cannot write the gradebook to %s: %v", *output, err)
		}
		defer file.Close()
		w = file
	}
	book := grade.NewGradebook(cat, subs)
	if err := grade.Formats[i].Write(w, book); err != nil {
		return err
	}
	if file != nil {
		if err := file.Close(); err != nil {
			return fmt.Errorf("writing %s: %w", *output, err)
		}
	}
	for _, s := range subs {
		if s.Err != nil {
			return failingError{}
		}
	}
	return nil
}

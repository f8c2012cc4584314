package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	gormkoans "github.com/gorm-koans/gorm-koans"
	"github.com/gorm-koans/gorm-koans/fixtures/dbenv"
	"github.com/gorm-koans/gorm-koans/internal/dbreach"
	"github.com/gorm-koans/gorm-koans/internal/grade"
	"github.com/gorm-koans/gorm-koans/internal/originals"
	"github.com/gorm-koans/gorm-koans/internal/report"
	"github.com/gorm-koans/gorm-koans/internal/runner"
	"github.com/gorm-koans/gorm-koans/internal/sandbox"
	"github.com/gorm-koans/gorm-koans/internal/score"
)

func runVerify(ctx context.Context, args []string, stdio IO) error {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	format := fs.String("format", report.DefaultFormat, formatNames(verifyFormats(), ", "))
	output := fs.String("output", "", "write the report to this file instead of standard output")
	original := fs.String("original", "", "a clean checkout to grade against (default: the copy inside this CLI)")
	timeout := fs.Duration("timeout", grade.DefaultTimeout, "how long one koan may run")
	sandboxed := fs.Bool("sandbox", false, "run each koan under bubblewrap: no network, nothing writable outside its copy")
	allowSuper := fs.Bool(dbreach.AllowSuperuserFlag[2:], false, "on PostgreSQL, grade even when koans would connect as a superuser")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := noArgs("verify", rest); err != nil {
		return err
	}
	f, ok := report.LookupFormat(*format)
	if !ok {
		return unknownFormat(*format, verifyFormats())
	}
	if *timeout <= 0 {
		return usagef("--timeout must be positive, e.g. 10s or 1m")
	}
	s, err := newSession(stdio)
	if err != nil {
		return err
	}
	g, err := newGrader(stdio, *original, *timeout, *sandboxed, *allowSuper)
	if err != nil {
		return err
	}
	g.CacheDir = grade.DefaultCacheDir()
	defer g.Close()
	if err := ready(ctx, stdio, g, "verify"); err != nil {
		return err
	}
	if stdio.Terminal {
		fmt.Fprintln(stdio.Err, s.style.Dim(fmt.Sprintf("grading %d koans on %s, each in a process of its own…", len(g.Catalog.Koans()), onWhat(g))))
	}
	sub := g.Grade(ctx, s.root)
	var other *grade.OtherOriginals
	if errors.As(sub.Err, &other) {
		return usagef("%v", other)
	}
	if sub.Err != nil {
		return fmt.Errorf("grading %s: %w", s.root, sub.Err)
	}
	sheet := sub.Sheet
	// Verify ran every koan of this checkout: every screen counts from it
	// (a convenience: failing to save it must not fail the command).
	_ = s.ws.State.Record(sheetResults(sheet))

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
	err = f.Write(w, s.style, sheet)
	if file != nil {
		if cerr := file.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("writing %s: %w", *output, cerr)
		}
	}
	if err != nil {
		return err
	}
	if f.Summary != nil {
		if err := appendSummary(stdio, sheet, f.Summary); err != nil {
			return err
		}
	}
	if sheet.Passed < sheet.Total {
		return failingError{}
	}
	return nil
}

// newGrader loads the originals and makes the one grading pipeline that
// verify and grade share.
func newGrader(stdio IO, original string, timeout time.Duration, sandboxed, allowSuperuser bool) (*grade.Grader, error) {
	orig, err := loadOriginals(stdio, original)
	if err != nil {
		return nil, err
	}
	cat, err := orig.Catalog()
	if err != nil {
		return nil, err
	}
	// Koans about the other database are set aside: not run, not counted.
	g := grade.New(orig, cat.On(stdio.database()))
	g.Database, g.DSN = stdio.database(), dbenv.DSNOf(stdio.database(), stdio.Getenv)
	g.Timeout = timeout
	g.AllowSuperuser = allowSuperuser
	if sandboxed {
		sb, err := sandbox.New()
		if err != nil {
			return nil, usagef("%v; or grade without a sandbox (--no-sandbox for grade, no --sandbox for verify)", err)
		}
		g.Sandbox = sb
	}
	return g, nil
}

// ready readies a Grader before any submission: a database that cannot
// keep koans apart is refused in one line (exit 4), and koans that share
// the connection's role are announced.
func ready(ctx context.Context, stdio IO, g *grade.Grader, command string) error {
	err := g.Init(ctx)
	var refused *dbreach.Refused
	if errors.As(err, &refused) {
		return databaseError{err}
	}
	if err != nil {
		return err
	}
	if shared := g.Shared(); shared != "" {
		fmt.Fprintf(stdio.Err, "koans %s: on PostgreSQL %s: a koan's code may reach another's schema while both run\n", command, shared)
	}
	return nil
}

// onWhat names the database a Grader grades on and, if any, the koans it
// sets aside as about the other one: "postgres (2 koans about another
// database set aside)".
func onWhat(g *grade.Grader) string {
	aside := 0
	for _, p := range g.Catalog.Phases {
		aside += len(p.Skipped)
	}
	if aside == 0 {
		return g.Database
	}
	return fmt.Sprintf("%s (%d koans about another database set aside)", g.Database, aside)
}

// appendSummary adds a format's Markdown summary to the job summary GitHub
// Actions shows, when run there.
func appendSummary(stdio IO, sheet score.Sheet, summary func(io.Writer, score.Sheet) error) error {
	path := stdio.Getenv("GITHUB_STEP_SUMMARY")
	if path == "" {
		return nil
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("opening $GITHUB_STEP_SUMMARY: %w", err)
	}
	if err := summary(f, sheet); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing $GITHUB_STEP_SUMMARY: %w", err)
	}
	return nil
}

// loadOriginals reads the koans as shipped: from an instructor's clean
// checkout when given, else from the copy built into this CLI.
func loadOriginals(stdio IO, dir string) (originals.Tree, error) {
	if dir == "" {
		orig, err := originals.Load(gormkoans.Source)
		if err != nil {
			return nil, fmt.Errorf("reading the originals built into this CLI: %w", err)
		}
		return orig, nil
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(stdio.Dir, dir)
	}
	if !isCheckout(dir) {
		return nil, usagef("--original %s is not a gorm-koans checkout (it needs go.mod, koans/ and solutions/)", dir)
	}
	orig, err := originals.Load(os.DirFS(dir))
	if err != nil {
		return nil, fmt.Errorf("reading the originals in %s: %w", dir, err)
	}
	return orig, nil
}

// sheetResults are the verdicts of a graded run, as reports show them.
func sheetResults(sheet score.Sheet) []runner.Result {
	out := make([]runner.Result, 0, len(sheet.Koans))
	for _, k := range sheet.Koans {
		out = append(out, k.Shown())
	}
	return out
}

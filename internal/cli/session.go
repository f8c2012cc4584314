package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/report"
	"github.com/gorm-koans/gorm-koans/internal/runner"
	"github.com/gorm-koans/gorm-koans/internal/state"
)

// session is what every learner-facing command needs: the checkout, its
// koans, a runner and the output style.
type session struct {
	io     IO
	root   string
	cat    *catalog.Catalog
	runner *runner.Runner
	style  report.Style
	state  *state.File
}

func newSession(stdio IO) (*session, error) {
	root, err := findRoot(stdio.Dir)
	if err != nil {
		return nil, err
	}
	cat, err := catalog.Load(root)
	if err != nil {
		return nil, fmt.Errorf("reading the koans: %w", err)
	}
	colour := stdio.Terminal && stdio.Getenv("NO_COLOR") == "" && stdio.Getenv("TERM") != "dumb"
	return &session{
		io:     stdio,
		root:   root,
		cat:    cat,
		runner: &runner.Runner{Root: root, Dir: catalog.KoansDir},
		style:  report.NewStyle(colour),
		state:  state.New(root),
	}, nil
}

// run runs koans and remembers their verdicts for the next start.
func (s *session) run(ctx context.Context, koans []*catalog.Koan) ([]runner.Result, error) {
	if s.io.Terminal {
		fmt.Fprintln(s.io.Err, s.style.Dim(s.buildNotice()))
	}
	results, err := s.runner.Run(ctx, koans)
	if err != nil {
		return nil, err
	}
	// Progress kept between runs is a convenience: failing to save it must
	// not fail the command.
	_ = s.state.Record(results)
	return results, nil
}

func (s *session) buildNotice() string {
	if s.state.Exists() {
		return "running koans…"
	}
	return "running koans… the first run compiles SQLite and GORM, which takes a minute or two; later runs take about a second"
}

// firstFailure runs phase after phase, in order, and stops at the first
// phase with a failing koan; it returns that koan's result, or ok = true
// when every koan passes.
func (s *session) firstFailure(ctx context.Context) (runner.Result, []runner.Result, bool, error) {
	var all []runner.Result
	for _, p := range s.cat.Phases {
		results, err := s.run(ctx, p.Koans)
		if err != nil {
			return runner.Result{}, nil, false, err
		}
		all = append(all, results...)
		for _, r := range results {
			if !r.Passed() {
				return r, all, false, nil
			}
		}
	}
	return runner.Result{}, all, true, nil
}

// resolve turns a KOAN or PHASE argument into koans.
func (s *session) resolve(name string) ([]*catalog.Koan, error) {
	if k, ok := s.cat.Koan(name); ok {
		return []*catalog.Koan{k}, nil
	}
	if p, ok := s.cat.Phase(name); ok {
		return p.Koans, nil
	}
	return nil, usagef("unknown koan or phase %q (a koan is PHASE/TestName, e.g. %s; phases: %s)", name, s.cat.Koans()[0].ID, phaseNames(s.cat))
}

// byID indexes results by koan ID.
func byID(results []runner.Result) map[string]runner.Result {
	m := make(map[string]runner.Result, len(results))
	for _, r := range results {
		m[r.Koan.ID] = r
	}
	return m
}

// parseFlags parses a command's flags; a bad flag is a usage error in one line.
// parseFlags parses flags wherever they stand: `koans solution KOAN --force`
// as well as `koans solution --force KOAN`. After "--", all is positional.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var rest []string
	var err error
	for {
		if err = fs.Parse(args); err != nil {
			break
		}
		left := fs.Args()
		if used := len(args) - len(left); used > 0 && args[used-1] == "--" {
			return append(rest, left...), nil
		}
		if len(left) == 0 {
			return rest, nil
		}
		rest = append(rest, left[0])
		args = left[1:]
	}
	var valid []string
	fs.VisitAll(func(f *flag.Flag) { valid = append(valid, "--"+f.Name) })
	validText := "it takes no flags"
	if len(valid) > 0 {
		validText = "valid: " + strings.Join(valid, ", ")
	}
	if undefined, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: "); ok {
		return nil, usagef("unknown flag %s for %s (%s)", undefined, fs.Name(), validText)
	}
	return nil, usagef("%s: %v (%s)", fs.Name(), err, validText)
}

func anyFailed(results []runner.Result) bool {
	for _, r := range results {
		if !r.Passed() {
			return true
		}
	}
	return false
}

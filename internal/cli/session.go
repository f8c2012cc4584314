package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/report"
	"github.com/gorm-koans/gorm-koans/internal/runner"
	"github.com/gorm-koans/gorm-koans/internal/watch"
	"github.com/gorm-koans/gorm-koans/internal/workspace"
)

// session is what every learner-facing command needs: the learner's
// workspace (the checkout, its koans, runs, state) and the output style.
type session struct {
	io    IO
	root  string
	ws    *workspace.Workspace
	style report.Style
}

func newSession(stdio IO) (*session, error) {
	root, err := findRoot(stdio.Dir)
	if err != nil {
		return nil, err
	}
	ws, err := workspace.Open(root, stdio.database(), stdio.dbEnv())
	if err != nil {
		return nil, err
	}
	return &session{io: stdio, root: root, ws: ws, style: stdio.style()}, nil
}

// cat is the koans as last read.
func (s *session) cat() *catalog.Catalog { return s.ws.Cat }

// run runs koans and remembers their verdicts for the next start; on a
// terminal it says it is running, and how far a first build is.
func (s *session) run(ctx context.Context, koans []*catalog.Koan) ([]runner.Result, error) {
	if s.io.Terminal {
		fmt.Fprintln(s.io.Err, s.style.Dim(s.buildNotice()))
		stop := time.AfterFunc(watch.SlowBuild(phaseCount(koans)), func() {
			fmt.Fprintln(s.io.Err, s.style.Dim("still running: "+watch.ColdBuild))
		})
		defer stop.Stop()
		// Each package of a first build on one line, overwritten.
		s.ws.OnBuild = func(runner.Building) {
			fmt.Fprint(s.io.Err, "\r\x1b[K"+s.style.Dim(report.Fit(s.ws.BuildProgress(), s.width())))
		}
		defer func() {
			if s.ws.Warmed() {
				fmt.Fprint(s.io.Err, "\r\x1b[K")
			}
			s.ws.OnBuild = nil
		}()
	}
	return s.ws.Run(ctx, koans)
}

func phaseCount(koans []*catalog.Koan) int {
	seen := map[string]bool{}
	for _, k := range koans {
		seen[k.Phase.Dir] = true
	}
	return len(seen)
}

func (s *session) buildNotice() string {
	if s.ws.State.Exists() {
		return "running koans…"
	}
	return "running koans… the first run compiles Go's packages, GORM and SQLite: about a minute on a 2-core machine, once; later runs take about a second"
}

// firstFailure runs phase after phase, in order, and stops at the first
// phase with a failing koan; it returns that koan's result, or ok = true
// when every koan passes.
func (s *session) firstFailure(ctx context.Context) (runner.Result, []runner.Result, bool, error) {
	var all []runner.Result
	for _, p := range s.cat().Phases {
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

// resolve turns a KOAN or PHASE argument into koans. It takes what a
// shell completes too: 08_migrations/, koans/08_migrations, a koan file.
func (s *session) resolve(name string) ([]*catalog.Koan, error) {
	arg := strings.TrimSuffix(filepath.ToSlash(name), "/")
	arg = strings.TrimPrefix(strings.TrimPrefix(arg, "./"), catalog.KoansDir+"/")
	if k, ok := s.cat().Koan(arg); ok {
		return []*catalog.Koan{k}, nil
	}
	if p, ok := s.cat().Phase(arg); ok {
		return p.Koans, nil
	}
	if strings.HasSuffix(arg, ".go") {
		var koans []*catalog.Koan
		for _, k := range s.cat().Koans() {
			if k.File == catalog.KoansDir+"/"+arg {
				koans = append(koans, k)
			}
		}
		if len(koans) > 0 {
			return koans, nil
		}
	}
	if err := s.otherDatabase(arg); err != nil {
		return nil, err
	}
	return nil, usagef("unknown koan or phase %q (a koan is PHASE/TestName, e.g. %s; a phase is its directory or number: %s)", name, s.cat().Koans()[0].ID, phaseNames(s.cat()))
}

// otherDatabase says, when name is a koan about another database than this
// session's, how to run it.
func (s *session) otherDatabase(name string) error {
	for _, p := range s.cat().Phases {
		for _, k := range p.Skipped {
			if k.ID == name || k.Name == name {
				return usagef("%s is about %s only, and this path runs on %s: `koans --db %s run %s`",
					k.ID, strings.Join(k.Databases, ", "), s.io.database(), k.Databases[0], k.ID)
			}
		}
	}
	return nil
}

// print writes what render writes, wrapped to the terminal's width.
func (s *session) print(render func(w io.Writer)) {
	var b bytes.Buffer
	render(&b)
	fmt.Fprint(s.io.Out, report.Wrap(b.String(), s.width()))
}

// width is the terminal's width, 0 when not on a terminal.
func (s *session) width() int {
	if s.io.Terminal && s.io.Width != nil {
		return s.io.Width()
	}
	return 0
}

// parseFlags parses a command's flags wherever they stand: `koans solution KOAN --force`
// as well as `koans solution --force KOAN`. After "--", all is positional.
// A bad flag is a usage error in one line.
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

package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/report"
	"github.com/gorm-koans/gorm-koans/internal/runner"
	"github.com/gorm-koans/gorm-koans/internal/state"
	"github.com/gorm-koans/gorm-koans/internal/watch"
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
	// building is how far a first build has got, while it runs (nil
	// otherwise); warmed says this session has compiled the dependencies.
	building atomic.Pointer[runner.Building]
	warmed   bool
	// onBuild, if set, is told each package a first build compiles.
	onBuild func(runner.Building)
}

func newSession(stdio IO) (*session, error) {
	root, err := findRoot(stdio.Dir)
	if err != nil {
		return nil, err
	}
	cat, err := loadCatalog(root, stdio.database())
	if err != nil {
		return nil, err
	}
	return &session{
		io:     stdio,
		root:   root,
		cat:    cat,
		runner: &runner.Runner{Root: root, Dir: catalog.KoansDir, Env: stdio.dbEnv()},
		style:  stdio.style(),
		state:  state.New(root, stdio.database()),
	}, nil
}

// reload reads the koans again, as the files are now: a run's screen must
// come from the files it ran, not from those of an earlier start.
func (s *session) reload() (*catalog.Catalog, error) {
	cat, err := loadCatalog(s.root, s.io.database())
	if err != nil {
		return nil, err
	}
	s.cat = cat
	return cat, nil
}

// run runs koans and remembers their verdicts for the next start.
func (s *session) run(ctx context.Context, koans []*catalog.Koan) ([]runner.Result, error) {
	if s.io.Terminal {
		fmt.Fprintln(s.io.Err, s.style.Dim(s.buildNotice()))
		stop := time.AfterFunc(watch.SlowBuild(phaseCount(koans)), func() {
			fmt.Fprintln(s.io.Err, s.style.Dim("still running: "+watch.ColdBuild))
		})
		defer stop.Stop()
		// Each package of a first build on one line, overwritten.
		s.onBuild = func(runner.Building) {
			fmt.Fprint(s.io.Err, "\r\x1b[K"+s.style.Dim(report.Fit(s.buildProgress(), s.width())))
		}
		defer func() {
			if s.warmed {
				fmt.Fprint(s.io.Err, "\r\x1b[K")
			}
			s.onBuild = nil
		}()
	}
	return s.runKoans(ctx, koans)
}

func phaseCount(koans []*catalog.Koan) int {
	seen := map[string]bool{}
	for _, k := range koans {
		seen[k.Phase.Dir] = true
	}
	return len(seen)
}

// runKoans runs koans (a missing koan cannot run: its verdict says how to
// restore it), keeps the verdicts for the next start and remembers which
// predict-first koans were tried once.
func (s *session) runKoans(ctx context.Context, koans []*catalog.Koan) ([]runner.Result, error) {
	var present []*catalog.Koan
	for _, k := range koans {
		if !k.Missing {
			present = append(present, k)
		}
	}
	s.warm(ctx, present)
	ran, err := s.runner.Run(ctx, present)
	if err != nil {
		return nil, err
	}
	results := make([]runner.Result, 0, len(koans))
	for _, k := range koans {
		if k.Missing {
			results = append(results, missingResult(k))
			continue
		}
		results = append(results, ran[0])
		ran = ran[1:]
	}
	// Progress kept between runs is a convenience: failing to save it must
	// not fail the command.
	_ = s.state.Record(results)
	s.markTried(results)
	return results, nil
}

// warm compiles, on a first start (no run was ever recorded here), what
// the koans depend on, package by package, so the wait can show how far it
// is: GORM, SQLite and, on an empty build cache, Go's own packages.
func (s *session) warm(ctx context.Context, koans []*catalog.Koan) {
	if s.warmed || s.state.Exists() || len(koans) == 0 {
		return
	}
	s.warmed = true
	var pkgs []string
	seen := map[string]bool{}
	for _, k := range koans {
		if pkg := k.Phase.Package(catalog.KoansDir); !seen[pkg] {
			seen[pkg] = true
			pkgs = append(pkgs, pkg)
		}
	}
	// A build that fails here fails again in the run, which reports it.
	_ = s.runner.Warm(ctx, pkgs, func(b runner.Building) {
		s.building.Store(&b)
		if s.onBuild != nil {
			s.onBuild(b)
		}
	})
	s.building.Store(nil)
}

// buildProgress says how far a first build is, "" when none is going.
func (s *session) buildProgress() string {
	b := s.building.Load()
	if b == nil {
		return ""
	}
	return fmt.Sprintf("first build: %d of at most %d packages compiled (%s)", b.Compiled, b.Total, b.Package)
}

func missingResult(k *catalog.Koan) runner.Result {
	return runner.Result{Koan: k, Status: runner.Fail, File: k.File, Line: k.Line,
		Message: fmt.Sprintf("its file is missing: `koans reset %s` restores it", k.ID)}
}

// known is every koan's last known verdict: this run's, else an earlier
// one's from the state file. Every command counts progress from it.
func (s *session) known(results []runner.Result) map[string]runner.Result {
	status, _ := s.state.Load()
	m := map[string]runner.Result{}
	for _, k := range s.cat.Koans() {
		if st, ok := status[k.ID]; ok {
			m[k.ID] = runner.Result{Koan: k, Status: st}
		}
	}
	for _, r := range results {
		m[r.Koan.ID] = r
	}
	return m
}

// view is what a koan's screen shows besides its verdict: the SQL held back
// for a predict-first koan not yet tried.
func (s *session) view(k *catalog.Koan) report.View {
	if !k.SQLAfterFirstTry {
		return report.View{}
	}
	tried, _ := s.state.Tried()
	return report.View{HoldSQL: !tried[k.ID]}
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

// resolve turns a KOAN or PHASE argument into koans. It takes what a
// shell completes too: 08_migrations/, koans/08_migrations, a koan file.
func (s *session) resolve(name string) ([]*catalog.Koan, error) {
	arg := strings.TrimSuffix(filepath.ToSlash(name), "/")
	arg = strings.TrimPrefix(strings.TrimPrefix(arg, "./"), catalog.KoansDir+"/")
	if k, ok := s.cat.Koan(arg); ok {
		return []*catalog.Koan{k}, nil
	}
	if p, ok := s.cat.Phase(arg); ok {
		return p.Koans, nil
	}
	if strings.HasSuffix(arg, ".go") {
		var koans []*catalog.Koan
		for _, k := range s.cat.Koans() {
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
	return nil, usagef("unknown koan or phase %q (a koan is PHASE/TestName, e.g. %s; a phase is its directory or number: %s)", name, s.cat.Koans()[0].ID, phaseNames(s.cat))
}

// otherDatabase says, when name is a koan about another database than this
// session's, how to run it.
func (s *session) otherDatabase(name string) error {
	for _, p := range s.cat.Phases {
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

// Package workspace is the learner's checkout as the learning commands and
// the watcher see it: its koans (known from the originals, so a missing or
// broken file hides none), runs that keep their verdicts for the next
// start, what each koan's screen holds back, and the reference SQL of the
// second hint. The watcher asks it through a small interface; it never
// calls back into the CLI.
package workspace

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sync/atomic"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/originals"
	"github.com/gorm-koans/gorm-koans/internal/report"
	"github.com/gorm-koans/gorm-koans/internal/runner"
	"github.com/gorm-koans/gorm-koans/internal/state"
	"github.com/gorm-koans/gorm-koans/internal/trace"
)

// Workspace is one checkout on one database.
type Workspace struct {
	Root  string
	DB    string // dbenv's names
	Cat   *catalog.Catalog
	State *state.File

	// Runner runs the koans: go test (runner.Runner), as Open sets it.
	Runner Runner
	// building is how far a first build has got, while it runs (nil
	// otherwise); warmed says this workspace has compiled the dependencies.
	building atomic.Pointer[runner.Building]
	warmed   bool
	// OnBuild, if set, is told each package a first build compiles.
	OnBuild func(runner.Building)
}

// Runner runs koans and compiles what they depend on. Tests of the
// watcher's screens put a fake in the place of go test: a screen's
// assertions need the workspace's real files and state, not a build.
type Runner interface {
	Run(ctx context.Context, koans []*catalog.Koan) ([]runner.Result, error)
	Warm(ctx context.Context, pkgs []string, progress func(runner.Building)) error
}

// Open reads the koans of the checkout at root for database db; env is
// what the koans' processes are told (KOANS_DB).
func Open(root, db string, env []string) (*Workspace, error) {
	cat, err := Load(root, db)
	if err != nil {
		return nil, err
	}
	return &Workspace{
		Root:   root,
		DB:     db,
		Cat:    cat,
		State:  state.New(root, db),
		Runner: &runner.Runner{Root: root, Dir: catalog.KoansDir, Env: env},
	}, nil
}

// Load reads the koans as they are now, with the koans of shipped files
// the checkout lacks put back in place, marked missing, those of a file
// that does not parse kept as shipped, and those about another database
// than db set aside as skipped.
func Load(root, db string) (*catalog.Catalog, error) {
	cat, err := catalog.Load(root)
	if err != nil {
		return nil, fmt.Errorf("reading the koans: %w", err)
	}
	missing, err := missingFiles(root)
	if err != nil {
		return nil, err
	}
	if err := cat.AddMissing(missing); err != nil {
		return nil, err
	}
	for _, p := range cat.Phases {
		if err := keepShipped(root, cat, p); err != nil {
			return nil, err
		}
	}
	return cat.On(db), nil
}

// keepShipped puts back the koans a file of p that does not parse lost.
func keepShipped(root string, cat *catalog.Catalog, p *catalog.Phase) error {
	if len(p.Unparsed) == 0 {
		return nil
	}
	files, err := ShippedFiles(root, p.Dir)
	if err != nil {
		return err
	}
	for _, rel := range p.Unparsed {
		if src, ok := files[rel]; ok {
			if err := cat.KeepShipped(rel, src); err != nil {
				return err
			}
		}
	}
	return nil
}

// Reload reads the given phases again, as their files are now, and only
// them: a save changes one phase, and a run's screen must come from the
// files it ran.
func (w *Workspace) Reload(phases []string) (*catalog.Catalog, error) {
	fsys := os.DirFS(w.Root)
	for _, dir := range phases {
		i := -1
		for j, p := range w.Cat.Phases {
			if p.Dir == dir {
				i = j
			}
		}
		if i < 0 {
			continue
		}
		p, err := catalog.LoadPhase(fsys, catalog.KoansDir, dir)
		if err != nil {
			return nil, fmt.Errorf("reading the koans: %w", err)
		}
		one := &catalog.Catalog{Root: w.Root, Phases: []*catalog.Phase{p}}
		missing, err := missingFiles(w.Root)
		if err != nil {
			return nil, err
		}
		for rel := range missing {
			if path.Base(path.Dir(rel)) != dir {
				delete(missing, rel)
			}
		}
		if err := one.AddMissing(missing); err != nil {
			return nil, err
		}
		if err := keepShipped(w.Root, one, p); err != nil {
			return nil, err
		}
		one.On(w.DB)
		w.Cat.Phases[i] = p
	}
	return w.Cat, nil
}

// ShippedFiles returns the shipped koan files of one phase, by path from
// the root.
func ShippedFiles(root, phase string) (map[string][]byte, error) {
	return originals.Koans(os.DirFS(root), phase)
}

// missingFiles returns the shipped source of every koan file the checkout
// lacks. Files are compared by name first, so a complete checkout costs a
// directory listing, not a generation.
func missingFiles(root string) (map[string][]byte, error) {
	names, err := originals.Names(os.DirFS(root))
	if err != nil {
		return nil, err
	}
	missing := map[string]bool{}
	phases := map[string]bool{}
	for _, rel := range names {
		if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(rel))); errors.Is(err, os.ErrNotExist) {
			missing[rel] = true
			phases[path.Base(path.Dir(rel))] = true
		}
	}
	out := map[string][]byte{}
	for phase := range phases {
		files, err := ShippedFiles(root, phase)
		if err != nil {
			return nil, err
		}
		for rel, src := range files {
			if missing[rel] {
				out[rel] = src
			}
		}
	}
	return out, nil
}

// Run runs koans (a missing koan cannot run: its verdict says how to
// restore it) and keeps, in one write of the state file, their verdicts for
// the next start and which predict-first koans were tried once.
func (w *Workspace) Run(ctx context.Context, koans []*catalog.Koan) ([]runner.Result, error) {
	var present []*catalog.Koan
	for _, k := range koans {
		if !k.Missing {
			present = append(present, k)
		}
	}
	w.warm(ctx, present)
	ran, err := w.Runner.Run(ctx, present)
	if err != nil {
		return nil, err
	}
	results := make([]runner.Result, 0, len(koans))
	for _, k := range koans {
		if k.Missing {
			results = append(results, runner.MissingFile(k))
			continue
		}
		results = append(results, ran[0])
		ran = ran[1:]
	}
	// Progress kept between runs is a convenience: failing to save it must
	// not fail the command.
	_ = w.State.Record(results, w.tried(results)...)
	return results, nil
}

// warm compiles, on a first start (no run was ever recorded here), what
// the koans depend on, package by package, so the wait can show how far it
// is: GORM, SQLite and, on an empty build cache, Go's own packages.
func (w *Workspace) warm(ctx context.Context, koans []*catalog.Koan) {
	if w.warmed || w.State.Exists() || len(koans) == 0 {
		return
	}
	w.warmed = true
	var pkgs []string
	seen := map[string]bool{}
	for _, k := range koans {
		if pkg := k.Phase.Package(catalog.KoansDir); !seen[pkg] {
			seen[pkg] = true
			pkgs = append(pkgs, pkg)
		}
	}
	// A build that fails here fails again in the run, which reports it.
	_ = w.Runner.Warm(ctx, pkgs, func(b runner.Building) {
		w.building.Store(&b)
		if w.OnBuild != nil {
			w.OnBuild(b)
		}
	})
	w.building.Store(nil)
}

// Warmed reports whether this workspace compiled a first build.
func (w *Workspace) Warmed() bool { return w.warmed }

// BuildProgress says how far a first build is, "" when none is going.
func (w *Workspace) BuildProgress() string {
	b := w.building.Load()
	if b == nil {
		return ""
	}
	return fmt.Sprintf("first build: %d of at most %d packages compiled (%s)", b.Compiled, b.Total, b.Package)
}

// Known is every koan's last known verdict: these results', else an
// earlier run's from the state file. Every screen counts progress from it.
func (w *Workspace) Known(results []runner.Result) map[string]runner.Result {
	status, _ := w.State.Load()
	m := map[string]runner.Result{}
	for _, k := range w.Cat.Koans() {
		if st, ok := status[k.ID]; ok {
			m[k.ID] = runner.Result{Koan: k, Status: st}
		}
	}
	for _, r := range results {
		m[r.Koan.ID] = r
	}
	return m
}

// View is what a koan's screen shows besides its verdict: the SQL held
// back for a predict-first koan not yet tried.
func (w *Workspace) View(k *catalog.Koan) report.View {
	if !k.SQLAfterFirstTry {
		return report.View{}
	}
	tried, _ := w.State.Tried()
	return report.View{HoldSQL: !tried[k.ID]}
}

// Reference is a koan's reference SQL, for the second hint.
func (w *Workspace) Reference(k *catalog.Koan) report.Reference {
	p, err := trace.Load(w.Root, k.Phase.Dir, w.DB)
	if err != nil {
		return report.Reference{}
	}
	sql, ok := p[k.Name]
	return report.Reference{SQL: sql, Found: ok}
}

// Shown remembers the koan on the learner's screen (for `koans hint`).
func (w *Workspace) Shown(id string) { _ = w.State.Shown(id) }

// tried are the predict-first koans of results tried for the first time:
// every blank replaced (a ✎-only koan: its code changed from the shipped
// one) and the koan still failing. From then on their SQL is shown.
func (w *Workspace) tried(results []runner.Result) []string {
	before, err := w.State.Tried()
	if err != nil {
		return nil
	}
	var now []string
	shippedOf := map[string]map[string][]byte{} // phase → its shipped files, made once
	for _, r := range results {
		k := r.Koan
		if !k.SQLAfterFirstTry || before[k.ID] || r.Passed() || k.Missing || k.Unfinished() {
			continue
		}
		files, ok := shippedOf[k.Phase.Dir]
		if !ok {
			files, _ = ShippedFiles(w.Root, k.Phase.Dir)
			shippedOf[k.Phase.Dir] = files
		}
		if changedFromShipped(w.Root, k, files) {
			now = append(now, k.ID)
		}
	}
	return now
}

// changedFromShipped reports whether the learner has changed a koan's
// function from the one shipped (files: its phase's shipped files).
func changedFromShipped(root string, k *catalog.Koan, files map[string][]byte) bool {
	original, ok := files[k.File]
	if !ok {
		return false
	}
	current, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(k.File)))
	if err != nil {
		return false
	}
	os0, oe, ok1 := originals.Func(k.File, original, k.Name)
	cs, ce, ok2 := originals.Func(k.File, current, k.Name)
	return ok1 && ok2 && !bytes.Equal(original[os0:oe], current[cs:ce])
}

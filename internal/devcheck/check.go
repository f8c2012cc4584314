package devcheck

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gorm-koans/gorm-koans/fixtures/dbenv"
	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/runner"
)

// Problem is one thing dev check found wrong, named by koan (or file).
type Problem struct {
	Koan string // koan ID, or a file when no koan is to blame
	What string
}

func (p Problem) String() string { return p.Koan + ": " + p.What }

// Report is the outcome of a check.
type Report struct {
	Koans    int      // shipped koans checked
	Dodges   int      // dodges run, on every build (each must fail)
	Honest   int      // honest alternatives run, on every build (each must pass)
	Builds   []string // the builds dodges ran on ("cgo SQLite", "pure-Go SQLite")
	Problems []Problem
}

// Check proves, for the given phases (all when empty), that koans/ is what
// solutions/ strips to, that every shipped koan fails at its blank, that
// every solution passes and that every dodge of a ✎ block fails. progress,
// if set, is told what runs.
func Check(ctx context.Context, root, db string, phases []string, progress func(string)) (Report, error) {
	say := func(msg string) {
		if progress != nil {
			progress(msg)
		}
	}
	var rep Report
	for _, phase := range phaseList(phases) {
		drifts, err := FindDrift(root, phase)
		if err != nil {
			return rep, err
		}
		for _, d := range drifts {
			rep.Problems = append(rep.Problems, Problem{Koan: blame(root, d), What: d.File + " " + d.Reason + " (run `koans dev gen`)"})
		}
	}

	koans, err := catalog.Load(root)
	if err != nil {
		return rep, err
	}
	solutions, err := catalog.LoadDir(root, catalog.SolutionsDir)
	if err != nil {
		return rep, err
	}
	// Koans about another database are not part of this database's path.
	koans.On(db)
	solutions.On(db)
	dbEnv := []string{dbenv.Env + "=" + db}
	shipped, err := pick(koans, phases)
	if err != nil {
		return rep, err
	}
	solved, err := pick(solutions, phases)
	if err != nil {
		return rep, err
	}
	rep.Koans = len(shipped)
	for _, k := range shipped {
		rep.Problems = append(rep.Problems, lint(root, k)...)
	}

	say(fmt.Sprintf("running %d shipped koans (each must fail at its blank)…", len(shipped)))
	results, err := (&runner.Runner{Root: root, Dir: catalog.KoansDir, Env: dbEnv}).Run(ctx, shipped)
	if err != nil {
		return rep, err
	}
	for _, r := range results {
		if what := shippedProblem(r); what != "" {
			rep.Problems = append(rep.Problems, Problem{Koan: r.Koan.ID, What: what})
		}
	}

	say(fmt.Sprintf("running %d solutions (each must pass)…", len(solved)))
	results, err = (&runner.Runner{Root: root, Dir: catalog.SolutionsDir, Env: dbEnv}).Run(ctx, solved)
	if err != nil {
		return rep, err
	}
	for _, r := range results {
		if !r.Passed() {
			rep.Problems = append(rep.Problems, Problem{Koan: r.Koan.ID,
				What: fmt.Sprintf("its solution does not pass (%s at %s:%d: %s)", r.Status, r.File, r.Line, runner.FirstLine(r.Message))})
		}
	}

	for i, b := range dodgeBuilds(ctx, db) {
		say(fmt.Sprintf("running the dodges of the ✎ koans on %s (each must fail; each honest alternative must pass)…", b.name))
		ran, honest, problems, err := runDodges(ctx, root, append(slices.Clip(dbEnv), b.env...), b.name, i == 0, solved)
		if err != nil {
			return rep, err
		}
		rep.Dodges += ran
		rep.Honest += honest
		rep.Builds = append(rep.Builds, b.name)
		rep.Problems = append(rep.Problems, problems...)
	}
	return rep, nil
}

// build is one way the koans are compiled and run that dodges must fail on.
type build struct {
	name string
	env  []string
}

// dodgeBuilds are the builds a database's dodges run on: SQLite's two
// drivers (GORM's cgo one where cgo works, and the pure-Go one learners
// without a C compiler get), or the one PostgreSQL build.
func dodgeBuilds(ctx context.Context, db string) []build {
	if db != dbenv.SQLite {
		return []build{{name: db}}
	}
	pure := build{name: "pure-Go SQLite", env: []string{"CGO_ENABLED=0"}}
	out, err := exec.CommandContext(ctx, "go", "env", "CGO_ENABLED").Output()
	if err != nil || strings.TrimSpace(string(out)) != "1" {
		return []build{pure}
	}
	return []build{{name: "cgo SQLite", env: []string{"CGO_ENABLED=1"}}, pure}
}

func phaseList(phases []string) []string {
	if len(phases) == 0 {
		return []string{""}
	}
	return phases
}

func pick(cat *catalog.Catalog, phases []string) ([]*catalog.Koan, error) {
	if len(phases) == 0 {
		return cat.Koans(), nil
	}
	var out []*catalog.Koan
	for _, name := range phases {
		p, ok := cat.Phase(name)
		if !ok {
			return nil, fmt.Errorf("phase %s is missing from %s", name, cat.Root)
		}
		out = append(out, p.Koans...)
	}
	return out, nil
}

// lint checks what a koan must carry: a title, a hint, a blank or ✎ block,
// and a phase README that names the phase.
func lint(root string, k *catalog.Koan) []Problem {
	var out []Problem
	add := func(what string) { out = append(out, Problem{Koan: k.ID, What: what}) }
	if k.Title == "" {
		add("no doc comment: its first sentence is the koan's title")
	}
	if k.Hint == "" {
		add("no Hint: paragraph in its doc comment")
	}
	if len(k.Blanks) == 0 && len(k.Regions) == 0 {
		add("nothing to do: no __ / ___ blank and no ✎ block (was it shipped solved?)")
	}
	switch {
	case k.Docs == "":
		add("no Docs: line in its doc comment: link its page of GORM's docs (" + docsSites[0] + "…)")
	case !slices.ContainsFunc(docsSites, func(site string) bool { return strings.HasPrefix(k.Docs, site) }):
		add(fmt.Sprintf("its Docs: link %s is not a page of %s", k.Docs, strings.Join(docsSites, " or ")))
	}
	if k.Phase.Koans[0] == k {
		if _, err := os.Stat(filepath.Join(root, catalog.KoansDir, k.Phase.Dir, "README.md")); err != nil {
			add("its phase has no README.md")
		} else if k.Phase.Badge == "" || k.Phase.Title == k.Phase.Dir {
			add("its phase README does not start with `# NN · Title BADGE`")
		}
	}
	return out
}

// shippedProblem says what is wrong with a shipped koan's result, if anything:
// it must fail as an assertion, first at a line holding a blank (or, with
// only a ✎ block, at or after the block).
func shippedProblem(r runner.Result) string {
	k := r.Koan
	switch r.Status {
	case runner.Pass:
		return "passes as shipped: a learner has nothing to do"
	case runner.Fail:
	default:
		return fmt.Sprintf("fails as shipped with %s, not an assertion (%s:%d: %s)", r.Status, r.File, r.Line, runner.FirstLine(r.Message))
	}
	if r.File != k.File {
		return fmt.Sprintf("first fails at %s:%d, outside its own file: %s", r.File, r.Line, runner.FirstLine(r.Message))
	}
	if len(k.Blanks) > 0 {
		if _, ok := k.BlankOn(r.Line); !ok {
			return fmt.Sprintf("first fails at line %d, which holds no blank: %s", r.Line, runner.FirstLine(r.Message))
		}
		return ""
	}
	if _, ok := k.RegionAround(r.Line); !ok {
		return fmt.Sprintf("first fails at line %d, before its ✎ block: %s", r.Line, runner.FirstLine(r.Message))
	}
	return ""
}

// docsSites are where a koan's Docs: link may point: GORM's documentation,
// or the Go package docs for driver and library facts.
var docsSites = []string{"https://gorm.io/docs/", "https://pkg.go.dev/"}

// blame names the koan a drifted file holds, or the file.
func blame(root string, d Drift) string {
	cat, err := catalog.Load(root)
	if err != nil {
		return d.File
	}
	var line int
	if _, err := fmt.Sscanf(lastParen(d.Reason), "(first at line %d)", &line); err == nil {
		if k, ok := cat.Position(d.File, line); ok {
			return k.ID
		}
	}
	return d.File
}

func lastParen(s string) string {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '(' {
			return s[i:]
		}
	}
	return ""
}

// Package grade is the one grading pipeline, for `koans verify` and
// `koans grade` alike: lay a submission's koan files over the originals
// (tamper check first), build each phase's test binary once, run every koan
// in a process of its own, with a time limit per koan and, on Linux, a
// sandbox; the verdict is the process's exit status, never its output. The
// gradebook's formats are listed in format.go.
package grade

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gorm-koans/gorm-koans/fixtures/dbenv"
	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/dbreach"
	"github.com/gorm-koans/gorm-koans/internal/originals"
	"github.com/gorm-koans/gorm-koans/internal/runner"
	"github.com/gorm-koans/gorm-koans/internal/safetext"
	"github.com/gorm-koans/gorm-koans/internal/sandbox"
	"github.com/gorm-koans/gorm-koans/internal/score"
	"github.com/gorm-koans/gorm-koans/internal/tamper"
)

// DefaultTimeout bounds one koan's run: a loop costs that koan, no more.
const DefaultTimeout = 10 * time.Second

// Offline keeps grading from reaching the network, from changing go.mod and
// from honouring a go.work anywhere above the graded copy. -trimpath keeps
// each copy's directory out of the build, so identical phases share go's
// build cache across submissions.
var Offline = []string{"GOFLAGS=-mod=readonly -trimpath", "GOPROXY=off", "GOTOOLCHAIN=local", "GOWORK=off", "GOENV=off"}

// Grader grades submissions against one set of originals. Make it with New;
// one Grader may grade many submissions at once.
type Grader struct {
	Originals originals.Tree
	// Catalog is the original koans, with their points: those on Database
	// in its phases' Koans (Catalog.On), the others set aside in Skipped,
	// neither run nor counted, yet held to the same tamper rules.
	Catalog *catalog.Catalog
	// Database is the database the koans run on (dbenv's names; "" is
	// SQLite), and DSN its connection when it is a server (PostgreSQL's).
	Database, DSN string
	Timeout       time.Duration // per koan; DefaultTimeout if zero
	// BuildTimeout bounds one phase's build; DefaultBuildTimeout if zero.
	BuildTimeout time.Duration
	Sandbox      *sandbox.Sandbox // nil: run without one
	// AllowSuperuser grades on PostgreSQL even when koans cannot have
	// roles of their own and would connect as the superuser the
	// connection names (dbreach.Options).
	AllowSuperuser bool
	// CacheDir keeps test binaries between runs (verify sets it, so that a
	// run after one edit links one phase); empty: they last one Grader.
	CacheDir string
	// Progress, if set, is told each koan as it gets its verdict, one at a
	// time.
	Progress func(sub string, r runner.Result)

	nonce     string
	slots     chan struct{} // processes at once, across submissions
	scratch   string        // half-built binaries and test2json, for this Grader's life
	test2json string
	cache     *binaryCache
	stamp     []byte         // what every phase's binary shares: toolchain, module, fixtures
	way       *dbreach.Way   // how koan processes reach the database
	exports   tamper.Exports // what the koans import, compiled: for the tamper check's types
	builds    sync.Map       // phase content hash → *build
	setup     sync.Once
	setupErr  error
}

// New makes a Grader. Close it when done.
func New(orig originals.Tree, cat *catalog.Catalog) *Grader {
	return &Grader{
		Originals: orig, Catalog: cat,
		slots: make(chan struct{}, max(1, runtime.NumCPU())),
	}
}

// Close stops the way to the database, removes the Grader's scratch
// directory and trims the binary cache.
func (g *Grader) Close() error {
	err := g.way.Close()
	if g.cache != nil {
		g.cache.trim()
	}
	if g.scratch == "" {
		return err
	}
	return errors.Join(err, os.RemoveAll(g.scratch))
}

func (g *Grader) timeout() time.Duration {
	if g.Timeout <= 0 {
		return DefaultTimeout
	}
	return g.Timeout
}

// Submission is one graded submission.
type Submission struct {
	Name  string
	Dir   string
	Sheet score.Sheet
	Err   error // the submission could not be graded at all
	// Time is when it was handed in (RFC 3339; "" unknown): its last
	// commit's date, else its newest koan file's.
	Time string
	// Attempted are the phases whose koan files the learner changed.
	Attempted []string
	// Elapsed is how long grading it took, from its turn to its verdicts
	// (Many sets it): what an instructor sizes a batch by, never graded.
	Elapsed time.Duration
}

// Grade grades one submission: a directory, read only through Lay.
func (g *Grader) Grade(ctx context.Context, dir string) Submission {
	return g.grade(ctx, dir, filepath.Base(dir))
}

func (g *Grader) grade(ctx context.Context, dir, name string) Submission {
	sub := Submission{Name: name, Dir: dir}
	// A folder that holds no koans (a learner who never pushed, a stray
	// file among the submissions) is one row that says so: the batch goes on.
	if fi, err := os.Stat(filepath.Join(dir, catalog.KoansDir)); err != nil || !fi.IsDir() {
		sub.Err = errors.New("it has no koans/ directory: nothing was handed in, or it is not a gorm-koans repository")
		return sub
	}
	sub.Time = submittedAt(ctx, dir)
	if err := madeFrom(dir, g.Originals); err != nil {
		sub.Err = err
		return sub
	}
	if err := g.init(ctx); err != nil {
		sub.Err = err
		return sub
	}
	work, err := os.MkdirTemp("", "koans-grade-")
	if err != nil {
		sub.Err = fmt.Errorf("making a working copy: %w", err)
		return sub
	}
	defer os.RemoveAll(work)
	tree := LayTyped(g.Originals, g.Catalog, os.DirFS(dir), g.exports)
	// Messages point at the submission's own lines and blanks: read its
	// koans before their functions are renamed for grading.
	learner, err := learnerCatalog(tree)
	if err != nil {
		sub.Err = err
		return sub
	}
	if err := wrap(tree.Files, g.Catalog.Koans(), g.nonce); err != nil {
		sub.Err = err
		return sub
	}
	if err := tree.Files.WriteTo(work); err != nil {
		sub.Err = err
		return sub
	}
	results, err := g.run(ctx, sub.Name, work, tree, learner)
	if err != nil {
		sub.Err = err
		return sub
	}
	sub.Sheet = score.Compute(g.Catalog, results, tree.Tampered)
	// A file's name in a submission may hold any byte but / and NUL.
	sub.Sheet.Missing, sub.Sheet.Extra = tree.Missing, safetext.Lines(tree.Extra)
	sub.Attempted = tree.Attempted
	return sub
}

// Init readies the Grader, as its first Grade would: a grader that cannot
// grade at all (its database refuses, the originals do not build) says so
// here, once, before any submission.
func (g *Grader) Init(ctx context.Context) error { return g.init(ctx) }

// Shared says why koans on PostgreSQL all connect with the connection's own
// role rather than one each ("" when each has its own, and on SQLite).
// Valid after Init.
func (g *Grader) Shared() string {
	if g.way == nil {
		return ""
	}
	return g.way.Shared
}

// init makes the scratch directory, puts a copy of go's test2json in it
// (a sandboxed process cannot see the build cache it lives in), opens the
// binary cache and the way to the database.
func (g *Grader) init(ctx context.Context) error {
	g.setup.Do(func() {
		dir, err := os.MkdirTemp("", "koans-grader-")
		if err != nil {
			g.setupErr = fmt.Errorf("making the grader's scratch directory: %w", err)
			return
		}
		g.scratch = dir
		if g.Sandbox.Enabled() {
			// Searchable, not listable: a sandbox run as another user
			// (sandbox.UID) binds test2json and sockets from here.
			if err := os.Chmod(dir, 0o711); err != nil {
				g.setupErr = fmt.Errorf("opening the grader's scratch directory to its sandboxes: %w", err)
				return
			}
		}
		if g.test2json, err = copyTest2JSON(ctx, dir, g.env()); err != nil {
			g.setupErr = err
			return
		}
		cacheDir := g.CacheDir
		if cacheDir == "" {
			cacheDir = filepath.Join(dir, "bin")
		}
		if g.cache, err = openCache(cacheDir); err != nil {
			g.setupErr = err
			return
		}
		g.nonce = g.cache.nonce
		db := filepath.Join(dir, "db")
		if err := os.Mkdir(db, 0o711); err != nil {
			g.setupErr = fmt.Errorf("making the grader's scratch directory: %w", err)
			return
		}
		opt := dbreach.Options{Sandboxed: g.Sandbox.Enabled(), AllowSuperuser: g.AllowSuperuser}
		if g.way, err = dbreach.Open(ctx, g.Database, g.DSN, db, opt); err != nil {
			g.setupErr = err
			return
		}
		// The forwarder's socket is the grader's: given to the sandbox's
		// user when that is another, to no one else.
		for _, sock := range g.way.Sockets {
			if uid := sandbox.UID(); strings.HasPrefix(sock, db+string(filepath.Separator)) && uid != os.Geteuid() {
				if err := os.Chown(sock, uid, uid); err != nil {
					g.setupErr = fmt.Errorf("giving the sandbox its database socket: %w", err)
					return
				}
			}
		}
		tc, err := toolchain(ctx, g.env())
		if err != nil {
			g.setupErr = err
			return
		}
		if g.setupErr = g.warm(ctx, filepath.Join(dir, "originals")); g.setupErr != nil {
			return
		}
		h := sha256.New()
		h.Write([]byte(tc))
		for _, p := range slices.Sorted(maps.Keys(g.Originals)) {
			if !strings.HasPrefix(p, catalog.KoansDir+"/") {
				fmt.Fprintf(h, "%s\x00%d\x00", p, len(g.Originals[p]))
				h.Write(g.Originals[p])
			}
		}
		g.stamp = h.Sum(nil)
	})
	return g.setupErr
}

// warm builds every package the original koans import, with the
// originals' module and fixtures, before any submission is built: the
// bounds of a phase's build (buildLimit) are then spent on the koans'
// packages and the link, never on compiling SQLite.
func (g *Grader) warm(ctx context.Context, dir string) error {
	pkgs := koanImports(g.Originals)
	if err := g.Originals.WriteTo(dir); err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, "go", append([]string{"build", "-tags=" + dbenv.Tag(g.Database)}, pkgs...)...)
	cmd.Dir, cmd.Env = dir, g.env()
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("building what the original koans import: %w: %s", err, strings.TrimSpace(string(out)))
	}
	// Their export data, now in go's build cache, types the tamper check.
	exports, err := tamper.ListExports(ctx, dir, g.env(), dbenv.Tag(g.Database), pkgs...)
	if err != nil {
		return err
	}
	g.exports = exports
	return nil
}

// koanImports are the packages the original koans import, sorted.
func koanImports(orig originals.Tree) []string {
	imports := map[string]bool{}
	for p, src := range orig {
		if !strings.HasPrefix(p, catalog.KoansDir+"/") || !strings.HasSuffix(p, ".go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, src, parser.ImportsOnly)
		if err != nil {
			continue // its phase will say, when it is built
		}
		for _, im := range f.Imports {
			if path, err := strconv.Unquote(im.Path.Value); err == nil {
				imports[path] = true
			}
		}
	}
	return slices.Sorted(maps.Keys(imports))
}

func (g *Grader) env() []string {
	return append(os.Environ(), Offline...)
}

// Many grades submissions, jobs at a time, and returns them in the order
// given, named by Names. progress, if set, is told each submission as it is
// done.
func (g *Grader) Many(ctx context.Context, dirs []string, jobs int, progress func(done, total int, s Submission)) []Submission {
	return g.ManyNamed(ctx, dirs, Names(dirs), jobs, progress)
}

// ManyNamed is Many with the submissions' names given (a shard's, named
// within the whole batch).
func (g *Grader) ManyNamed(ctx context.Context, dirs, names []string, jobs int, progress func(done, total int, s Submission)) []Submission {
	jobs = max(1, jobs)
	out := make([]Submission, len(dirs))
	work := make(chan int)
	var mu sync.Mutex
	done := 0
	var wg sync.WaitGroup
	for range min(jobs, len(dirs)) {
		wg.Go(func() {
			for i := range work {
				start := time.Now()
				out[i] = g.grade(ctx, dirs[i], names[i])
				out[i].Elapsed = time.Since(start)
				// The gradebook shows verdicts and messages, never details:
				// a class's worth of them need not stay in memory.
				for k := range out[i].Sheet.Koans {
					out[i].Sheet.Koans[k].Details = nil
				}
				mu.Lock()
				done++
				if progress != nil {
					progress(done, len(dirs), out[i])
				}
				mu.Unlock()
			}
		})
	}
	for i := range dirs {
		work <- i
	}
	close(work)
	wg.Wait()
	return out
}

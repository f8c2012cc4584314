// Package grade grades submissions: each in its own temporary copy, offline,
// against the original koans, with tamper detection and a time limit per
// phase; many at once, into a gradebook.
package grade

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/runner"
	"github.com/gorm-koans/gorm-koans/internal/score"
	"github.com/gorm-koans/gorm-koans/internal/tamper"
)

// Grader grades submissions against one set of originals.
type Grader struct {
	Originals tamper.Originals
	Catalog   *catalog.Catalog // the original koans, with their points
	Timeout   time.Duration    // per phase
	// Env is added to go's environment; Offline is always applied.
	Env []string
}

// Offline keeps grading from reaching the network or changing go.mod: a
// submission builds with what the module cache already holds. -trimpath
// keeps each temporary copy's directory out of the build: a phase that is
// the same in many submissions (untouched, or solved alike) is compiled,
// linked and run once, then served from go's cache.
var Offline = []string{"GOFLAGS=-mod=readonly -trimpath -count=1", "GOPROXY=off", "GOTOOLCHAIN=local"}

// Submission is one graded submission.
type Submission struct {
	Name  string
	Dir   string
	Sheet score.Sheet
	Err   error // the submission could not be graded at all
}

// Grade grades one submission directory in a temporary copy.
func (g *Grader) Grade(ctx context.Context, dir string) Submission {
	sub := Submission{Name: filepath.Base(dir), Dir: dir}
	work, err := os.MkdirTemp("", "koans-grade-")
	if err != nil {
		sub.Err = fmt.Errorf("making a working copy: %w", err)
		return sub
	}
	defer os.RemoveAll(work)
	if err := copySubmission(dir, work); err != nil {
		sub.Err = fmt.Errorf("copying %s: %w", dir, err)
		return sub
	}
	found := tamper.Check(g.Originals, os.DirFS(work), g.Catalog.Koans())
	results := map[string]runner.Result{}
	if cat, err := catalog.Load(work); err == nil {
		r := &runner.Runner{Root: work, Dir: catalog.KoansDir, Timeout: g.Timeout, Env: append(append([]string(nil), Offline...), g.Env...)}
		rs, err := r.Run(ctx, Graded(cat, g.Catalog))
		if err != nil {
			sub.Err = fmt.Errorf("running the koans: %w", err)
			return sub
		}
		results = score.Results(rs)
	}
	sub.Sheet = score.Compute(g.Catalog, results, found)
	return sub
}

// Many grades submissions, jobs at a time, and returns them in the order
// given. progress, if set, is told each submission as it is done.
func (g *Grader) Many(ctx context.Context, dirs []string, jobs int, progress func(done, total int, s Submission)) []Submission {
	if jobs < 1 {
		jobs = 1
	}
	out := make([]Submission, len(dirs))
	work := make(chan int)
	var mu sync.Mutex
	done := 0
	var wg sync.WaitGroup
	for range min(jobs, len(dirs)) {
		wg.Go(func() {
			for i := range work {
				out[i] = g.Grade(ctx, dirs[i])
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

// Graded lists the koans to run: the submission's, plus any original koan
// its catalog lost (a syntax error can hide a function from the parser), so
// that every original koan gets a verdict from go test. Only koans of the
// original phases run: a phase a submission adds earns nothing.
func Graded(sub, orig *catalog.Catalog) []*catalog.Koan {
	var koans []*catalog.Koan
	for _, k := range sub.Koans() {
		if _, ok := orig.Koan(k.ID); ok {
			koans = append(koans, k)
		}
	}
	for _, k := range orig.Koans() {
		if _, ok := sub.Koan(k.ID); ok {
			continue
		}
		p, ok := sub.Phase(k.Phase.Dir)
		if !ok {
			continue
		}
		lost := *k
		lost.Phase = p
		koans = append(koans, &lost)
	}
	return koans
}

// copySubmission copies a checkout without its git history and state.
func copySubmission(from, to string) error {
	return filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, path)
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == ".git" || d.Name() == "node_modules" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		if strings.HasPrefix(d.Name(), ".koans-state.json") || !d.Type().IsRegular() {
			return nil // state is the learner's; links could reach outside
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), raw, 0o644)
	})
}

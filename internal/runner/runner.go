package runner

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"strings"
	"time"

	"github.com/gorm-koans/gorm-koans/fixtures/dbenv"
	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/testjson"
)

// DefaultRunTimeout bounds one phase's test binary, so a koan stuck in a loop or
// a deadlock ends as a timeout instead of hanging the learner's screen.
const DefaultRunTimeout = 60 * time.Second

// Runner runs go test on a checkout.
type Runner struct {
	Root    string        // the checkout
	Dir     string        // catalog.KoansDir or catalog.SolutionsDir
	Env     []string      // extra environment, KEY=VALUE
	Timeout time.Duration // per go test run; DefaultRunTimeout if zero
	// Events, if set, sees every event as it arrives (to show progress).
	Events func(testjson.Event)
}

// Run runs the given koans, grouped by phase in one go test invocation, and
// returns one Result per koan in the order given.
func (r *Runner) Run(ctx context.Context, koans []*catalog.Koan) ([]Result, error) {
	results := make(map[*catalog.Koan]Result, len(koans))
	pending := koans
	// A panic ends a test binary: the koans after it never run. Run the rest
	// again without the ones that already have a verdict, until all have one.
	for len(pending) > 0 {
		stream, err := r.goTest(ctx, pending)
		if err != nil {
			return nil, err
		}
		var rerun []*catalog.Koan
		for _, k := range pending {
			res, ran := Judge(r.Root, r.dir(), stream, k)
			results[k] = res // for a koan that did not run: "did not run", in case no rerun helps
			if !ran {
				rerun = append(rerun, k)
			}
		}
		if len(rerun) == len(pending) {
			break
		}
		pending = rerun
	}
	out := make([]Result, len(koans))
	for i, k := range koans {
		out[i] = results[k]
	}
	return out, nil
}

// dbTag is the build tag of a database's driver.
func dbTag(db string) string { return dbenv.Tag(db) }

// database is the database Env tells the koans to run on (KOANS_DB).
func (r *Runner) database() string {
	db := ""
	for _, kv := range r.Env {
		if v, ok := strings.CutPrefix(kv, dbenv.Env+"="); ok {
			db = v
		}
	}
	return db
}

// goTest runs one go test -json over the phases of the koans, restricted to
// those koans, built with the driver of the database they run on.
func (r *Runner) goTest(ctx context.Context, koans []*catalog.Koan) (*testjson.Stream, error) {
	var pkgs, names []string
	seen := map[string]bool{}
	for _, k := range koans {
		pkg := k.Phase.Package(r.dir())
		if !seen[pkg] {
			seen[pkg] = true
			pkgs = append(pkgs, pkg)
		}
		if !seen[k.Name] {
			seen[k.Name] = true
			names = append(names, k.Name)
		}
	}
	timeout := r.Timeout
	if timeout == 0 {
		timeout = DefaultRunTimeout
	}
	args := []string{"test", "-json", "-vet=off", "-timeout=" + timeout.String(),
		"-run=^(" + strings.Join(names, "|") + ")$"}
	if tag := r.tag(); tag != "" {
		args = append(args, "-tags="+tag)
	}
	args = append(args, pkgs...)

	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = r.Root
	cmd.Env = append(os.Environ(), r.Env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("starting go test: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting go test: %w", err)
	}
	stream := r.read(stdout)
	waitErr := cmd.Wait()
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	for line := range strings.SplitSeq(stderr.String(), "\n") {
		_, _ = stream.Line([]byte(line))
	}
	if _, isExit := waitErr.(*exec.ExitError); waitErr != nil && !isExit {
		return nil, fmt.Errorf("running go test: %w", waitErr)
	}
	return stream, nil
}

func (r *Runner) read(out io.Reader) *testjson.Stream {
	stream, _ := testjson.Read(out, r.Events)
	// Drain what a scan error left, so go test is never blocked on a full pipe.
	_, _ = io.Copy(io.Discard, out)
	return stream
}

func (r *Runner) dir() string {
	if r.Dir == "" {
		return catalog.KoansDir
	}
	return r.Dir
}

// packageFor finds a phase's package in a stream by its directory.
func packageFor(stream *testjson.Stream, dir string, phase *catalog.Phase) *testjson.Package {
	suffix := "/" + path.Join(dir, phase.Dir)
	for _, p := range stream.Packages {
		if strings.HasSuffix(p.ImportPath, suffix) {
			return p
		}
	}
	return nil
}

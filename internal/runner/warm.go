package runner

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// Building is how far a first build has got: packages compiled so far, of
// at most Total (those already in the build cache are not compiled again,
// so a warm cache ends well short of it), and the one being compiled.
type Building struct {
	Compiled, Total int
	Package         string
}

// Warm compiles what the koans of the given phase packages depend on —
// GORM, SQLite, the Go standard library on an empty cache — and reports
// each package as it is compiled, so a first start can say how far it is
// instead of staying silent for a minute. With a warm cache it costs a
// `go list` and a `go build` that finds everything built.
func (r *Runner) Warm(ctx context.Context, pkgs []string, progress func(Building)) error {
	tags := []string{}
	if tag := r.tag(); tag != "" {
		tags = append(tags, "-tags="+tag)
	}
	list := exec.CommandContext(ctx, "go", append(append([]string{"list", "-deps", "-test"}, tags...), pkgs...)...)
	list.Dir = r.Root
	list.Env = append(os.Environ(), r.Env...)
	out, err := list.Output()
	if err != nil {
		return fmt.Errorf("listing what the koans depend on: %w", err)
	}
	var deps []string
	for p := range strings.Lines(string(out)) {
		p = strings.TrimSpace(p)
		// The koans' own packages are built by the run itself.
		if !strings.Contains(p, "/"+r.dir()+"/") && !strings.HasSuffix(p, ".test") && !strings.Contains(p, " ") {
			deps = append(deps, p)
		}
	}
	build := exec.CommandContext(ctx, "go", append(append([]string{"build", "-v"}, tags...), deps...)...)
	build.Dir = r.Root
	build.Env = append(os.Environ(), r.Env...)
	stderr, err := build.StderrPipe()
	if err != nil {
		return fmt.Errorf("compiling what the koans depend on: %w", err)
	}
	if err := build.Start(); err != nil {
		return fmt.Errorf("compiling what the koans depend on: %w", err)
	}
	b := Building{Total: len(deps)}
	lines := bufio.NewScanner(stderr)
	for lines.Scan() {
		line := strings.TrimSpace(lines.Text())
		if line == "" || strings.HasPrefix(line, "#") || strings.Contains(line, " ") {
			continue
		}
		b.Compiled++
		b.Package = line
		if progress != nil {
			progress(b)
		}
	}
	// A package that does not build is the run's to report, in its words.
	_ = build.Wait()
	return ctx.Err()
}

// tag is the build tag of the database Env names.
func (r *Runner) tag() string {
	return dbTag(r.database())
}

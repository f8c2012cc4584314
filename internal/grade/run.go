package grade

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/mod/modfile"

	"github.com/gorm-koans/gorm-koans/fixtures/dbenv"
	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/runner"
	"github.com/gorm-koans/gorm-koans/internal/safetext"
	"github.com/gorm-koans/gorm-koans/internal/sandbox"
	"github.com/gorm-koans/gorm-koans/internal/testjson"
)

// build is one phase's test binary, shared by every submission whose phase
// is the same file for file.
type build struct {
	once   sync.Once
	bin    string           // "" when it did not compile
	stream *testjson.Stream // what go said while building
	// overrun says why the build was stopped: it ran out of time or
	// memory, which only the submission's code can cause.
	overrun string
	err     error // the toolchain itself failed
}

// run gives every original koan a verdict: koans of a missing file fail
// unrun, a phase that does not compile fails whole, and every other koan
// runs in a process of its own.
func (g *Grader) run(ctx context.Context, name, work string, tree Tree, subCat *catalog.Catalog) (map[string]runner.Result, error) {
	module := modfile.ModulePath(g.Originals["go.mod"])
	results := map[string]runner.Result{}
	var mu sync.Mutex
	set := func(r runner.Result) {
		r = clean(r)
		mu.Lock()
		defer mu.Unlock()
		results[r.Koan.ID] = r
		if g.Progress != nil {
			g.Progress(name, r) // one at a time: callers need no lock
		}
	}
	// Every phase is built before any koan of the submission runs: no
	// learner code runs while the toolchain reads the graded tree.
	builds := make([]*build, len(g.Catalog.Phases))
	var wg sync.WaitGroup
	for i, p := range g.Catalog.Phases {
		wg.Go(func() { builds[i] = g.build(ctx, work, tree, p.Dir) })
	}
	wg.Wait()
	for i, p := range g.Catalog.Phases {
		b := builds[i]
		if b.err != nil {
			wg.Wait()
			return nil, b.err
		}
		for _, k := range p.Koans {
			jk := k
			if sk, ok := subCat.Koan(k.ID); ok {
				jk = sk
			}
			switch {
			case slices.Contains(tree.Missing, k.File):
				set(runner.Missing(k, "missing from the submission: "+k.File+" (`koans reset "+k.ID+"` brings it back)"))
			case b.overrun != "":
				set(runner.Result{Koan: k, Status: runner.CompileError, File: k.File, Line: k.Line, Message: b.overrun})
			case b.bin == "":
				r, _ := runner.Judge(work, catalog.KoansDir, b.stream, jk)
				set(r)
			default:
				wg.Go(func() { set(g.runKoan(ctx, work, b.bin, module, jk)) })
			}
		}
	}
	wg.Wait()
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	return results, nil
}

// clean escapes the control characters of what a koan's run said: its code
// can build any byte at run time, and every report, terminal and CI log
// downstream shows these strings. Escaping here, where results leave the
// grader, covers every format at once.
//
// It also bounds what is kept of a verdict for the rest of the run: a
// message of a few KiB, and the first lines of its details (the text report
// shows eight).
func clean(r runner.Result) runner.Result {
	const messageBytes, detailLines = 4 << 10, 32
	if len(r.Message) > messageBytes {
		r.Message = strings.ToValidUTF8(r.Message[:messageBytes], "") + " … (cut)"
	}
	r.Message, r.File = safetext.String(r.Message), safetext.String(r.File)
	r.SQL = safetext.Lines(slices.Clone(r.SQL))
	r.Details = safetext.Lines(slices.Clone(r.Details[:min(len(r.Details), detailLines)]))
	return r
}

// learnerCatalog reads the koans as the submission wrote them.
func learnerCatalog(tree Tree) (*catalog.Catalog, error) {
	koans := maps.Clone(tree.Files)
	maps.DeleteFunc(koans, func(p string, _ []byte) bool { return !strings.HasPrefix(p, catalog.KoansDir+"/") })
	return koans.Catalog()
}

// build compiles a phase's test binary once per distinct content, or takes
// it from the binary cache. Only the toolchain runs here, no learner code,
// so it may write go's build cache.
func (g *Grader) build(ctx context.Context, work string, tree Tree, phase string) *build {
	h := sha256.New()
	h.Write(g.stamp)
	tags := dbenv.Tag(g.Database)
	fmt.Fprintf(h, "tags=%s\x00", tags) // the database's driver is linked in by its tag
	dir := path.Join(catalog.KoansDir, phase)
	for _, p := range slices.Sorted(maps.Keys(tree.Files)) {
		if path.Dir(p) == dir {
			fmt.Fprintf(h, "%s\x00%d\x00", p, len(tree.Files[p]))
			h.Write(tree.Files[p])
		}
	}
	db := g.Database
	if db == "" {
		db = dbenv.SQLite
	}
	// The cache keeps the last few binaries of each phase on each
	// database: the part before the last "-" (binaryCache.trim).
	key := phase + "." + db + "-" + hex.EncodeToString(h.Sum(nil))[:32]
	v, _ := g.builds.LoadOrStore(key, &build{})
	b := v.(*build)
	b.once.Do(func() {
		defer func() {
			if b.bin != "" && b.err == nil {
				b.bin, b.err = g.reachable(b.bin)
			}
		}()
		if bin, ok := g.cache.lookup(key); ok {
			b.bin = bin
			return
		}
		g.slots <- struct{}{}
		defer func() { <-g.slots }()
		built := filepath.Join(g.cache.dir, ".tmp-"+g.nonce+"-"+key+binSuffix)
		buildCtx, cancel := context.WithTimeout(ctx, g.buildTimeout())
		defer cancel()
		argv := append(g.buildLimit(), "go", "test", "-c", "-json", "-vet=off", "-tags="+tags, "-o", built, "./"+dir)
		cmd := exec.CommandContext(buildCtx, argv[0], argv[1:]...)
		cmd.Dir = work
		cmd.Env = g.env()
		killGroup(cmd)
		out, err := cmd.Output()
		var exit *exec.ExitError
		switch {
		case ctx.Err() != nil:
		case buildCtx.Err() != nil:
			b.overrun = fmt.Sprintf("does not compile: building the phase took longer than %s (constants that grow without end?)", g.buildTimeout())
			return
		case errors.As(err, &exit) && (outOfMemory(out) || outOfMemory(exit.Stderr)):
			b.overrun = fmt.Sprintf("does not compile: the compiler ran out of memory (%d MiB; constants that grow without end?)", buildMemory>>20)
			return
		}
		b.stream = testjson.NewStream()
		var stderr []byte
		if exit != nil {
			stderr = exit.Stderr
		}
		b.stream.Output(out, stderr)
		switch {
		case ctx.Err() != nil:
			b.err = ctx.Err()
		case err == nil:
			b.bin, b.err = g.cache.put(key, built)
		case exit == nil:
			b.err = fmt.Errorf("building %s: %w", dir, err)
		}
	})
	return b
}

// A phase's build is bounded: code in a ✎ block can make the compiler work
// without end (constants that double), and the build runs outside the
// sandbox. The dependencies, which are the originals', are built before
// any submission (warm), so the bounds meet only the koans' own packages
// and the link; an honest phase needs under 300 MiB and a few seconds.
const (
	DefaultBuildTimeout = 2 * time.Minute
	buildMemory         = 1 << 30
)

func (g *Grader) buildTimeout() time.Duration {
	if g.BuildTimeout <= 0 {
		return DefaultBuildTimeout
	}
	return g.BuildTimeout
}

// buildLimit is the command that runs the go command within buildMemory of
// data, where util-linux's prlimit is found (Linux); elsewhere the build
// has its deadline only.
func (g *Grader) buildLimit() []string {
	prlimit, err := exec.LookPath("prlimit")
	if err != nil {
		return nil
	}
	return []string{prlimit, "--data=" + strconv.Itoa(buildMemory), "--core=0", "--"}
}

// outOfMemory reports whether a Go program's or C's output says it could
// not get memory.
func outOfMemory(out []byte) bool {
	return bytes.Contains(out, []byte("out of memory")) || bytes.Contains(out, []byte("cannot allocate memory"))
}

// reachable is where a sandbox run as another user (sandbox.UID) can bind
// a binary from: the binary itself when it is in the grader's scratch
// directory, a link to it (or a copy) there when the cache is elsewhere, in
// a home that user cannot enter.
func (g *Grader) reachable(bin string) (string, error) {
	if !g.Sandbox.Enabled() || sandbox.UID() == os.Geteuid() || strings.HasPrefix(bin, g.scratch+string(filepath.Separator)) {
		return bin, nil
	}
	dir := filepath.Join(g.scratch, "run")
	if err := os.MkdirAll(dir, 0o711); err != nil {
		return "", fmt.Errorf("making a place for the sandbox's binaries: %w", err)
	}
	target := filepath.Join(dir, filepath.Base(bin))
	if err := os.Link(bin, target); err == nil || errors.Is(err, os.ErrExist) {
		return target, nil
	}
	raw, err := os.ReadFile(bin)
	if err == nil {
		err = os.WriteFile(target, raw, 0o755)
	}
	if err != nil {
		return "", fmt.Errorf("copying %s for the sandbox: %w", filepath.Base(bin), err)
	}
	return target, nil
}

// runKoan runs one koan in its own process, through test2json so that its
// messages and SQL can be shown. The verdict is the exit status alone.
func (g *Grader) runKoan(ctx context.Context, work, bin, module string, k *catalog.Koan) runner.Result {
	g.slots <- struct{}{}
	defer func() { <-g.slots }()
	limit := g.timeout()
	pkgDir := filepath.Join(work, catalog.KoansDir, k.Phase.Dir)
	argv := []string{g.test2json, "-t", "-p", module + "/" + catalog.KoansDir + "/" + k.Phase.Dir, bin,
		"-test.v=test2json", "-test.run=^" + k.Name + "$", "-test.count=1",
		"-test.paniconexit0", "-test.timeout=" + limit.String()}

	// The test binary's own timeout ends a loop with a stack; this one ends
	// a process that ignores it.
	runCtx, cancel := context.WithTimeout(ctx, limit+5*time.Second)
	defer cancel()
	// In the sandbox the koan sees its binary, test2json, its database's
	// socket and a private /tmp, nothing of the graded tree: it cannot
	// write what is built, nor read the originals or another submission.
	cmd, err := g.Sandbox.Command(runCtx, sandbox.Box{
		Readable: []string{g.test2json, bin}, Sockets: g.way.Sockets,
	}, argv)
	if err != nil {
		return internal(k, err)
	}
	// Its way to the database: on PostgreSQL a role and schemas of its own,
	// sandboxed on MySQL a user of its own, dropped with all they hold once
	// its process has ended.
	dbEnv, release, err := g.way.Koan(ctx)
	if err != nil {
		return internal(k, err)
	}
	defer release()
	cmd.Dir, cmd.Env = pkgDir, append(koanEnv(work), dbEnv...)
	if g.Sandbox.Enabled() {
		cmd.Dir, cmd.Env = "/", append(koanEnv(sandbox.Private), dbEnv...)
	}
	killGroup(cmd)
	stderr := &capped{max: stderrBytes}
	cmd.Stderr = stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return internal(k, err)
	}
	if err := cmd.Start(); err != nil {
		return internal(k, err)
	}
	var out bounded
	readLines(stdout, out.add)
	waitErr := cmd.Wait()
	stream := testjson.NewStream()
	pkg := module + "/" + catalog.KoansDir + "/" + k.Phase.Dir
	stream.Output(bytes.Join(out.lines(func(n int) []byte {
		return dropNote(pkg, k.Name, n)
	}), []byte("\n")), []byte(stderr.String()))

	said, _ := runner.Judge(work, catalog.KoansDir, stream, k)
	switch {
	case ctx.Err() != nil:
		return runner.Result{Koan: k, Status: runner.Fail, Message: "grading was stopped", File: k.File, Line: k.Line}
	case waitErr == nil:
		return runner.Result{Koan: k, Status: runner.Pass, File: k.File, Line: k.Line, Elapsed: said.Elapsed}
	case runCtx.Err() != nil || said.Status == runner.Timeout:
		said.Status = runner.Timeout
		if said.Elapsed == 0 { // ended from outside: it had all its time
			said.Elapsed = limit
		}
		said.Message = fmt.Sprintf("ran out of time (%s): a loop that never ends, or a query waiting for a connection the koan holds", limit)
		return said
	}
	if why := exhausted(out.lines(nil), stderr.buf.Bytes()); why != "" && g.Sandbox.Enabled() {
		said.Status = runner.Fail
		said.Message = why
		return said
	}
	var exit *exec.ExitError
	if errors.As(waitErr, &exit) && exit.ExitCode() == exitNotRun {
		said.Status = runner.Fail
		said.Message = "did not run to its end: a koan counts only when it runs and passes (skipped?)"
		return said
	}
	if said.Status == runner.Pass {
		// The process failed, whatever its output claims.
		said.Status = runner.Fail
		said.Message = "failed (exit status " + exitStatus(waitErr) + ")"
	}
	return said
}

// exhausted says which of the sandbox's limits a koan's process reached,
// from what the Go runtime (or C) said as it died; "" if none.
func exhausted(out [][]byte, stderr []byte) string {
	lines := append(out, stderr)
	for _, l := range slices.Backward(lines) {
		switch {
		case outOfMemory(l):
			return fmt.Sprintf("ran out of memory: a koan's process may use %d MiB", sandbox.Default.Memory>>20)
		case bytes.Contains(l, []byte("failed to create new OS thread")), bytes.Contains(l, []byte("resource temporarily unavailable")):
			return fmt.Sprintf("ran out of processes: a koan's process may run %d threads and processes", sandbox.Default.Procs)
		case bytes.Contains(l, []byte("file too large")):
			return fmt.Sprintf("wrote too much: a koan's process may write %d MiB", sandbox.Default.Disk>>20)
		}
	}
	return ""
}

// dropNote is the output event that stands where a koan's output was cut.
func dropNote(pkg, test string, lines int) []byte {
	note, _ := json.Marshal(testjson.Event{Action: testjson.Output, Package: pkg, Test: test,
		Output: fmt.Sprintf("… %d lines of output dropped: the grader keeps the first and the last %d KiB\n", lines, tailBytes>>10)})
	return note
}

func exitStatus(err error) string {
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.String()
	}
	return err.Error()
}

func internal(k *catalog.Koan, err error) runner.Result {
	return runner.Result{Koan: k, Status: runner.Fail, File: k.File, Line: k.Line, Message: "could not be run: " + err.Error()}
}

// koanEnv is what a koan's process sees of the environment besides its
// database's name and connection (dbreach): nothing of the grader's
// (tokens, keys), only a path and places to write in its own copy.
func koanEnv(work string) []string {
	return []string{"PATH=/usr/local/bin:/usr/bin:/bin", "HOME=" + work, "TMPDIR=" + work, "NO_COLOR=1"}
}

// copyTest2JSON puts go's test2json next to the binaries: sandboxed
// processes cannot see the build cache it lives in.
func copyTest2JSON(ctx context.Context, dir string, env []string) (string, error) {
	cmd := exec.CommandContext(ctx, "go", "tool", "-n", "test2json")
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("finding go's test2json: %w", err)
	}
	raw, err := os.ReadFile(strings.TrimSpace(string(out)))
	if err != nil {
		return "", fmt.Errorf("reading go's test2json: %w", err)
	}
	target := filepath.Join(dir, "test2json"+exe)
	if err := os.WriteFile(target, raw, 0o755); err != nil {
		return "", fmt.Errorf("copying go's test2json: %w", err)
	}
	return target, nil
}

//go:build unix

// Command bench measures how much the koans CLI adds on top of the Go
// toolchain, interleaving each measurement with its bare go test twin:
//
//	go run ./internal/bench            # 7 repetitions, medians
//	go run ./internal/bench -n 15 -cold
//	go run ./internal/bench -grade REV # koans grade against the CLI of REV
//	go run ./internal/bench -class     # a class of 26 graded once and as 3 shards merged
//
// With KOANS_POSTGRES_DSN set (bash .ci/with-postgres go run ./internal/bench
// starts a throwaway server), it adds the PostgreSQL rows: the same koan and
// verify with --db postgres, and what each koan's private database costs on
// each database; with KOANS_MYSQL_DSN set (.ci/with-mysql), the MySQL rows
// the same way.
//
// It works in a temporary copy of the checkout, so your koans are untouched.
// docs/performance.md has a run and what dominates each figure.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/creack/pty"

	"github.com/gorm-koans/gorm-koans/fixtures/dbenv"
	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/cohort"
	"github.com/gorm-koans/gorm-koans/internal/state"
)

func main() {
	reps := flag.Int("n", 7, "repetitions of each measurement")
	cold := flag.Bool("cold", false, "also time a first start on an empty build cache: the CLI's build, the first koan, verify (a few minutes)")
	baseline := flag.String("grade", "", "instead: time koans grade on 11 submissions against the CLI built from this git revision")
	base := flag.String("base", "", "also time bare feedback in this git revision's koans, interleaved, and compare the phase's test binaries")
	class := flag.Bool("class", false, "instead: grade a class of 26 varied submissions to html,csv,json in one run and as 3 shards merged; fail when the two differ")
	timeout := flag.Duration("timeout", 10*time.Second, "with -class: koans grade --timeout, what the class's looping koan costs")
	flag.Parse()
	var err error
	switch {
	case *class:
		err = runClass(*timeout)
	case *baseline != "":
		err = runGrade(*reps, *baseline)
	default:
		err = run(*reps, *cold, *base)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

type bench struct {
	root, bin, koanFile, koanID, koanName, phasePkg string
	// The watcher gets a copy of its own: left running in root, it would
	// rebuild after every edit made there and slow the other measurements.
	watchRoot, watchFile string
	edits                int
}

// scratch is the checkout the bench runs in (the working directory) and
// a new temporary directory to work in; the caller removes it.
func scratch(prefix string) (repo, work string, err error) {
	if repo, err = os.Getwd(); err != nil {
		return "", "", err
	}
	work, err = os.MkdirTemp("", prefix)
	return repo, work, err
}

func run(reps int, cold bool, base string) error {
	repo, work, err := scratch("koans-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	b := &bench{root: filepath.Join(work, "repo"), watchRoot: filepath.Join(work, "watch"), bin: filepath.Join(work, "koans")}
	fmt.Fprintln(os.Stderr, "copying the checkout and building the CLI…")
	if err := cohort.Copy(repo, b.root); err != nil {
		return fmt.Errorf("copying the checkout: %w", err)
	}
	if err := cohort.Copy(repo, b.watchRoot); err != nil {
		return fmt.Errorf("copying the checkout: %w", err)
	}
	if out, err := exec.Command("go", "build", "-o", b.bin, "./cmd/koans").CombinedOutput(); err != nil {
		return fmt.Errorf("building koans: %v\n%s", err, out)
	}
	if err := b.pickKoan(); err != nil {
		return err
	}
	var old *bench  // the same koan at revision base, for bare feedback
	var same *bench // base's phase on today's checkout (below)
	if base != "" {
		old = &bench{root: filepath.Join(work, "base")}
		fmt.Fprintf(os.Stderr, "checking out %s beside it…\n", base)
		if err := checkout(repo, base, old.root); err != nil {
			return err
		}
		old.koanFile = filepath.Join(old.root, strings.TrimPrefix(b.koanFile, b.root))
		old.koanName, old.phasePkg = b.koanName, b.phasePkg
		_ = old.goCmd("test", "./koans/...")
		// The phase's koans grow between revisions; this copy holds the
		// base's koans of the phase on today's fixtures, modules and
		// toolchain use, so that what the platform costs shows apart.
		same = &bench{root: filepath.Join(work, "same"), koanName: b.koanName, phasePkg: b.phasePkg}
		if err := cohort.Copy(repo, same.root); err != nil {
			return fmt.Errorf("copying the checkout: %w", err)
		}
		phase := filepath.Join(same.root, filepath.FromSlash(b.phasePkg))
		if err := os.RemoveAll(phase); err != nil {
			return err
		}
		if err := cohort.Copy(filepath.Join(old.root, filepath.FromSlash(b.phasePkg)), phase); err != nil {
			return fmt.Errorf("copying %s's phase: %w", base, err)
		}
		same.koanFile = filepath.Join(same.root, strings.TrimPrefix(b.koanFile, b.root))
		_ = same.goCmd("test", b.phasePkg)
	}
	// The databases with a server that answers here: their rows are added.
	var servers []string
	for _, d := range dbenv.Databases {
		if d.DSNEnv != "" && os.Getenv(d.DSNEnv) != "" {
			servers = append(servers, d.Name)
		}
	}
	fmt.Fprintln(os.Stderr, "warming the build cache…")
	_ = b.cli("verify") // compiles everything once; later runs are warm
	// The watcher starts as after a first session, every verdict known:
	// otherwise it first checks every phase behind its first screen.
	if raw, err := os.ReadFile(filepath.Join(b.root, state.FileName)); err == nil {
		_ = os.WriteFile(filepath.Join(b.watchRoot, state.FileName), raw, 0o644)
	}
	for _, db := range servers {
		_ = b.cli("--db", db, "verify")
	}

	times := map[string][]time.Duration{}
	add := func(name string, d time.Duration) { times[name] = append(times[name], d) }
	watch, err := b.startWatch()
	if err != nil {
		return err
	}
	defer watch.stop()

	for i := range reps {
		fmt.Fprintf(os.Stderr, "repetition %d/%d\n", i+1, reps)
		bare := func() {
			add("feedback: bare go test -run", b.timed(func() { b.edit(b.koanFile); _ = b.goCmd("test", "-run", "^"+b.koanName+"$", b.phasePkg) }))
		}
		if old == nil {
			bare()
		} else {
			then := func() {
				add("feedback: bare go test -run at "+base, old.timed(func() { old.edit(old.koanFile); _ = old.goCmd("test", "-run", "^"+old.koanName+"$", old.phasePkg) }))
			}
			platform := func() {
				add(samePhase(base), same.timed(func() { same.edit(same.koanFile); _ = same.goCmd("test", "-run", "^"+same.koanName+"$", same.phasePkg) }))
			}
			// Whichever goes first follows the previous repetition's
			// startup and verify runs: rotate, so none always carries that.
			order := []func(){bare, then, platform}
			for k := range order {
				order[(i+k)%len(order)]()
			}
		}
		add("feedback: koans run KOAN", b.timed(func() { b.edit(b.koanFile); _ = b.cli("run", b.koanID) }))
		add(pureGo, b.timed(func() { b.edit(b.koanFile); _ = b.cliEnv([]string{"CGO_ENABLED=0"}, "run", b.koanID) }))
		d, err := watch.feedback(b)
		if err != nil {
			return err
		}
		add("feedback: watch (save → screen)", d)
		add("verify: bare go test ./koans/...", b.timed(func() { b.edit(b.koanFile); _ = b.goCmd("test", "./koans/...") }))
		add("verify: koans verify", b.timed(func() { b.edit(b.koanFile); _ = b.cli("verify") }))
		for _, db := range servers {
			add("feedback: koans --db "+db+" run KOAN", b.timed(func() { b.edit(b.koanFile); _ = b.cli("--db", db, "run", b.koanID) }))
			add("verify: koans --db "+db+" verify", b.timed(func() { b.edit(b.koanFile); _ = b.cli("--db", db, "verify") }))
		}
		s, err := b.startup()
		if err != nil {
			return err
		}
		add("startup: koans → first screen", s)
	}
	rss, err := b.peakRSS("verify")
	if err != nil {
		return err
	}
	var coldTime coldTimes
	if cold {
		fmt.Fprintln(os.Stderr, "cold start: an empty build cache…")
		coldTime, err = b.cold()
		if err != nil {
			return err
		}
	}

	med := map[string]time.Duration{}
	for k, v := range times {
		med[k] = median(v)
	}
	fmt.Printf("gorm-koans bench: %d repetitions, medians, koan %s\n\n", reps, b.koanID)
	fmt.Printf("| measurement | median | vs bare | target |\n|---|---|---|---|\n")
	row := func(name, bare, target string) {
		ratio := ""
		if bare != "" {
			ratio = fmt.Sprintf("%.2f×", float64(med[name])/float64(med[bare]))
			if strings.Contains(target, "+") {
				ratio = fmt.Sprintf("%+d ms", (med[name] - med[bare]).Milliseconds())
			}
		}
		fmt.Printf("| %s | %d ms | %s | %s |\n", name, med[name].Milliseconds(), ratio, target)
	}
	row("feedback: bare go test -run", "", "")
	if old != nil {
		name := "feedback: bare go test -run at " + base
		fmt.Printf("| %s | %d ms | %.2f× (now vs then) | now ≤ 1.0× |\n", name, med[name].Milliseconds(), float64(med["feedback: bare go test -run"])/float64(med[name]))
		now, err := b.testBinary()
		if err != nil {
			return err
		}
		then, err := old.testBinary()
		if err != nil {
			return err
		}
		fmt.Printf("| test binary of %s, now / at %s | %.1f MB / %.1f MB | | informational |\n", b.phasePkg, base, float64(now)/1e6, float64(then)/1e6)
		fmt.Printf("| %s | %d ms | %.2f× (vs at %s) | ≤ 1.0× |\n", samePhase(base), med[samePhase(base)].Milliseconds(), float64(med[samePhase(base)])/float64(med[name]), base)
	}
	row("feedback: koans run KOAN", "feedback: bare go test -run", "≤ 0.85×")
	row(pureGo, "feedback: bare go test -run", "informational")
	row("feedback: watch (save → screen)", "feedback: bare go test -run", "≤ bare + 100 ms")
	row("verify: bare go test ./koans/...", "", "")
	row("verify: koans verify", "verify: bare go test ./koans/...", "≤ 1.10×")
	row("startup: koans → first screen", "", "≤ 300 ms")
	for _, db := range servers {
		row("feedback: koans --db "+db+" run KOAN", "feedback: koans run KOAN", "≤ 1.3× SQLite's")
		row("verify: koans --db "+db+" verify", "verify: koans verify", "informational")
	}
	if len(servers) > 0 {
		iso, err := b.isolation(servers)
		if err != nil {
			return err
		}
		for _, db := range dbenv.Names {
			if ms, ok := iso[db]; ok {
				fmt.Printf("| isolation: one koan's database on %s (create, migrate, seed, drop) | %.1f ms | | informational |\n", db, ms)
			}
		}
	}
	fmt.Printf("| memory: CLI peak RSS (koans verify) | %.1f MB | | ≤ 60 MB |\n", float64(rss)/1024)
	if cold {
		fmt.Printf("| first start: the CLI's build, empty build cache | %.1f s | | informational |\n", coldTime.cli.Seconds())
		fmt.Printf("| first start: then koans run KOAN on that cache | %.1f s | | informational |\n", coldTime.firstKoan.Seconds())
		fmt.Printf("| cold start: koans verify, empty build cache | %.1f s | | informational |\n", coldTime.verify.Seconds())
	}
	return nil
}

// isolation is what fixtures' BenchmarkKoanDatabase measures on each
// database, in milliseconds per koan.
func (b *bench) isolation(servers []string) (map[string]float64, error) {
	var tags []string
	for _, db := range servers {
		tags = append(tags, dbenv.Tag(db))
	}
	cmd := exec.Command("go", "test", "-tags", strings.Join(tags, ","), "-run", "^$", "-bench", "^BenchmarkKoanDatabase$", "-benchtime", "100x", "./fixtures/")
	cmd.Dir = b.root
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("benchmarking the koans' databases: %v\n%s", err, out)
	}
	ms := map[string]float64{}
	for line := range strings.SplitSeq(string(out), "\n") {
		f := strings.Fields(line)
		if len(f) < 4 || f[3] != "ns/op" {
			continue
		}
		name, _, _ := strings.Cut(strings.TrimPrefix(f[0], "BenchmarkKoanDatabase/"), "-")
		ns, err := strconv.ParseFloat(f[2], 64)
		if err == nil {
			ms[name] = ns / 1e6
		}
	}
	return ms, nil
}

// pickKoan chooses the first koan of the first phase: its file is edited
// before every feedback measurement, so each one recompiles its phase.
func (b *bench) pickKoan() error {
	phases, err := filepath.Glob(filepath.Join(b.root, catalog.KoansDir, catalog.PhaseGlob))
	if err != nil || len(phases) == 0 {
		return fmt.Errorf("no phases in koans/")
	}
	files, _ := filepath.Glob(filepath.Join(phases[0], "*_test.go"))
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		for line := range strings.SplitSeq(string(src), "\n") {
			if name, ok := strings.CutPrefix(line, "func Test"); ok {
				name = "Test" + name[:strings.Index(name, "(")]
				b.koanFile, b.koanName = f, name
				rel, err := filepath.Rel(b.root, f)
				if err != nil {
					return err
				}
				b.watchFile = filepath.Join(b.watchRoot, rel)
				b.koanID = filepath.Base(phases[0]) + "/" + name
				b.phasePkg = "./koans/" + filepath.Base(phases[0])
				return nil
			}
		}
	}
	return fmt.Errorf("no koan in %s", phases[0])
}

// checkout writes revision rev of the repository at repo into dir.
func checkout(repo, rev, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	archive := exec.Command("git", "-C", repo, "archive", rev)
	extract := exec.Command("tar", "-x", "-C", dir)
	pipe, err := archive.StdoutPipe()
	if err != nil {
		return err
	}
	extract.Stdin = pipe
	if err := extract.Start(); err != nil {
		return err
	}
	var stderr strings.Builder
	archive.Stderr = &stderr
	if err := archive.Run(); err != nil {
		return fmt.Errorf("git archive %s: %v %s", rev, err, stderr.String())
	}
	return extract.Wait()
}

// testBinary is the size in bytes of the picked koan's phase's test
// binary, as plain go test builds it.
func (b *bench) testBinary() (int64, error) {
	out := filepath.Join(b.root, "phase.test")
	if err := b.goCmd("test", "-c", "-o", out, b.phasePkg); err != nil {
		return 0, fmt.Errorf("building %s's test binary: %w", b.phasePkg, err)
	}
	fi, err := os.Stat(out)
	if err != nil {
		return 0, err
	}
	return fi.Size(), nil
}

// edit changes a koan file's content, as a learner's save does.
func (b *bench) edit(file string) {
	b.edits++
	f, err := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		panic(err)
	}
	fmt.Fprintf(f, "\n// bench edit %d\n", b.edits)
	f.Close()
}

func (b *bench) timed(f func()) time.Duration {
	start := time.Now()
	f()
	return time.Since(start)
}

func (b *bench) goCmd(args ...string) error {
	cmd := exec.Command("go", args...)
	cmd.Dir = b.root
	return cmd.Run()
}

func (b *bench) cli(args ...string) error { return b.cliEnv(nil, args...) }

// cliEnv runs the CLI with env added to the environment.
func (b *bench) cliEnv(env []string, args ...string) error {
	cmd := exec.Command(b.bin, args...)
	cmd.Dir = b.root
	cmd.Env = append(os.Environ(), env...)
	return cmd.Run()
}

// pureGo names koans run on the pure-Go SQLite driver (CGO_ENABLED=0),
// which Go links itself, without the C linker.
const pureGo = "feedback: koans run KOAN, CGO_ENABLED=0 (pure-Go SQLite)"

// peakRSS runs the CLI and samples its own peak resident set (VmHWM), not
// that of the go processes it starts.
func (b *bench) peakRSS(args ...string) (int, error) {
	cmd := exec.Command(b.bin, args...)
	cmd.Dir = b.root
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	done := make(chan struct{})
	peak := 0
	go func() {
		defer close(done)
		_ = cmd.Wait()
	}()
	status := fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)
	for {
		select {
		case <-done:
			return peak, nil
		case <-time.After(5 * time.Millisecond):
		}
		raw, err := os.ReadFile(status)
		if err != nil {
			continue
		}
		for line := range strings.SplitSeq(string(raw), "\n") {
			if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
				peak = max(peak, kb)
			}
		}
	}
}

// coldTimes is a first start on an empty build cache, as the README tells
// it: the CLI's own build (what `go run ./cmd/koans` does first), the first
// koan's run on that cache, and koans verify on a cache of its own.
type coldTimes struct{ cli, firstKoan, verify time.Duration }

func (b *bench) cold() (coldTimes, error) {
	var t coldTimes
	env, done, err := emptyCache()
	if err != nil {
		return t, err
	}
	defer done()
	bin := filepath.Join(filepath.Dir(b.bin), "koans-cold-cli") // beside the bench's CLI, outside the checkout
	build := exec.Command("go", "build", "-o", bin, "./cmd/koans")
	build.Dir, build.Env = b.root, env
	start := time.Now()
	if out, err := build.CombinedOutput(); err != nil {
		return t, fmt.Errorf("building the CLI on an empty cache: %v\n%s", err, out)
	}
	t.cli = time.Since(start)
	koan := exec.Command(bin, "run", b.koanID)
	koan.Dir, koan.Env = b.root, env
	start = time.Now()
	_ = koan.Run() // the shipped koan fails, exit 1
	t.firstKoan = time.Since(start)

	env, done, err = emptyCache()
	if err != nil {
		return t, err
	}
	defer done()
	verify := exec.Command(b.bin, "verify")
	verify.Dir, verify.Env = b.root, env
	start = time.Now()
	_ = verify.Run()
	t.verify = time.Since(start)
	return t, nil
}

// emptyCache is the environment with GOCACHE in a new, empty directory,
// and what removes it.
func emptyCache() (env []string, done func(), err error) {
	cache, err := os.MkdirTemp("", "koans-cold-cache-")
	if err != nil {
		return nil, nil, err
	}
	return append(os.Environ(), "GOCACHE="+cache), func() { os.RemoveAll(cache) }, nil
}

// terminal is the CLI's watch mode running in a pseudo-terminal.
type terminal struct {
	cmd  *exec.Cmd
	ptmx *os.File
	mu   sync.Mutex
	out  bytes.Buffer
}

func (b *bench) startWatch() (*terminal, error) {
	cmd := exec.Command(b.bin)
	cmd.Dir = b.watchRoot
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "TERM=xterm")
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 50, Cols: 160})
	if err != nil {
		return nil, fmt.Errorf("starting watch mode: %w", err)
	}
	t := &terminal{cmd: cmd, ptmx: ptmx}
	go t.read()
	// Its copy is new to the build cache: the first run compiles every phase.
	if _, err := t.waitFrame(0, func(f string) bool { return strings.Contains(f, "Progress") && !strings.Contains(f, "⟳") }, 5*time.Minute); err != nil {
		return nil, err
	}
	return t, nil
}

func (t *terminal) read() {
	buf := make([]byte, 8192)
	for {
		n, err := t.ptmx.Read(buf)
		t.mu.Lock()
		t.out.Write(buf[:n])
		t.mu.Unlock()
		if err != nil {
			return
		}
	}
}

// waitFrame waits for a frame drawn after offset that satisfies ok, and
// returns the offset just past it.
func (t *terminal) waitFrame(offset int, ok func(string) bool, within time.Duration) (int, error) {
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		t.mu.Lock()
		all := t.out.String()
		t.mu.Unlock()
		if offset < len(all) {
			frames := strings.Split(all[offset:], "\x1b[2J")
			for i, f := range frames {
				if i == len(frames)-1 && !strings.HasSuffix(f, "\r\n") {
					break // still being written
				}
				if ok(f) {
					return offset + strings.Index(all[offset:], f) + len(f), nil
				}
			}
		}
		time.Sleep(time.Millisecond)
	}
	return 0, fmt.Errorf("watch mode never drew the expected screen")
}

// feedback saves the koan file and times until watch mode has drawn the
// verdict of the run that save caused.
func (t *terminal) feedback(b *bench) (time.Duration, error) {
	t.mu.Lock()
	offset := t.out.Len()
	t.mu.Unlock()
	start := time.Now()
	b.edit(b.watchFile)
	next, err := t.waitFrame(offset, func(f string) bool { return strings.Contains(f, "⟳ running") }, 30*time.Second)
	if err != nil {
		return 0, err
	}
	if _, err := t.waitFrame(next, func(f string) bool { return strings.Contains(f, "Progress") && !strings.Contains(f, "⟳") }, 30*time.Second); err != nil {
		return 0, err
	}
	return time.Since(start), nil
}

func (t *terminal) stop() {
	_, _ = t.ptmx.Write([]byte("q"))
	done := make(chan struct{})
	go func() { _ = t.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = t.cmd.Process.Kill()
	}
	t.ptmx.Close()
}

// startup times a fresh watch mode's first screen (progress from the state
// file, before any run finishes).
func (b *bench) startup() (time.Duration, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, b.bin)
	cmd.Dir = b.root
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "TERM=xterm")
	start := time.Now()
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 50, Cols: 160})
	if err != nil {
		return 0, err
	}
	t := &terminal{cmd: cmd, ptmx: ptmx}
	go t.read()
	if _, err := t.waitFrame(0, func(f string) bool { return strings.Contains(f, "Progress") }, time.Minute); err != nil {
		return 0, err
	}
	d := time.Since(start)
	t.stop()
	return d, nil
}

// samePhase names the measurement of base's koans on today's checkout.
func samePhase(base string) string {
	return "feedback: bare go test -run, " + base + "'s koans of the phase on today's checkout"
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

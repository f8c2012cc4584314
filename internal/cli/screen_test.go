package cli

// The watcher's screens, drawn by its real loop over a real checkout's
// workspace (its files, state and reference SQL) with go test faked
// (fakeRuns): a screen is a matter of milliseconds, not a build. What real
// runs say of a koan is tested on recorded streams in internal/runner, and
// end to end by the commands' tests here (koans run, hint, list) and the
// two terminal smoke tests of watch_unix_test.go.

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures/dbenv"
	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/report"
	"github.com/gorm-koans/gorm-koans/internal/runner"
	"github.com/gorm-koans/gorm-koans/internal/testscreen"
	"github.com/gorm-koans/gorm-koans/internal/watch"
	"github.com/gorm-koans/gorm-koans/internal/workspace"
)

// twoPhases is mini with a second phase, 02_more, whose first koan shows
// its SQL only after a first try.
var twoPhases = course("solutions", "extra")

// assertFits checks that no line of the screens drawn is wider than the
// terminal, but for a link alone on its line (never split), and that no
// link is split.
func assertFits(t *testing.T, drawn string, cols int) {
	t.Helper()
	for _, line := range strings.Split(drawn, "\r\n") {
		if f := strings.Fields(line); len(f) == 1 && strings.HasPrefix(f[0], "https://") {
			continue
		}
		assert.LessOrEqual(t, report.Width(line), cols, "a line wider than the terminal: %q", line)
		if i := strings.Index(line, "https://"); i >= 0 {
			assert.LessOrEqual(t, i+report.Width(strings.Fields(line[i:])[0]), cols, "a link that does not fit its line is on one of its own: %q", line)
		}
	}
}

func editKoan(t *testing.T, root, rel string, edit func(string) string) {
	t.Helper()
	path := filepath.Join(root, filepath.FromSlash(rel))
	src, err := os.ReadFile(path)
	require.NoError(t, err)
	changed := edit(string(src))
	require.NotEqual(t, string(src), changed, "the edit changed nothing")
	require.NoError(t, os.WriteFile(path, []byte(changed), 0o644))
}

// sent is the SQL each koan of twoPhases sends while it fails, as a real
// run records it.
var sent = map[string][]string{
	"TestCount": {"SELECT count(*) FROM `books`"},
	"TestOneQuery": {
		"SELECT * FROM `authors` WHERE `authors`.`id` = 1 ORDER BY `authors`.`id` LIMIT 1",
		"SELECT * FROM `authors` WHERE `authors`.`id` = 2 ORDER BY `authors`.`id` LIMIT 1",
		"SELECT * FROM `authors` WHERE `authors`.`id` = 3 ORDER BY `authors`.`id` LIMIT 1",
	},
	"TestTwoCounts": {"SELECT count(*) FROM `books`", "SELECT count(*) FROM `authors`"},
	// The recorder's answer: nothing (nil would be no recorder at all).
	"TestNothingSent": {},
}

// fakeRuns stands in for go test: a koan with a blank fails at its first
// blank, asking what the blank's comment asks; a koan without fails with
// the message failing gives it, else passes. A failing koan sent what sent
// says.
type fakeRuns struct {
	mu      sync.Mutex
	failing map[string]string // by koan name
	phases  int               // run so far
}

func (f *fakeRuns) Run(_ context.Context, koans []*catalog.Koan) ([]runner.Result, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]runner.Result, len(koans))
	seen := map[string]bool{}
	for i, k := range koans {
		if !seen[k.Phase.Dir] {
			seen[k.Phase.Dir] = true
			f.phases++
		}
		r := runner.Result{Koan: k, Status: runner.Fail, File: k.File, Line: k.Line, SQL: sent[k.Name]}
		if msg, ok := f.failing[k.Name]; len(k.Blanks) > 0 {
			r.Line, r.Message = k.Blanks[0].Line, "fill in the blank: "+k.Blanks[0].Comment
		} else if ok {
			r.Message = msg
		} else {
			r = runner.Result{Koan: k, Status: runner.Pass}
		}
		out[i] = r
	}
	return out, nil
}

func (f *fakeRuns) Warm(context.Context, []string, func(runner.Building)) error { return nil }

func (f *fakeRuns) ran() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.phases
}

// loopScreen is the watcher's loop on a checkout, drawing on a screen of
// a size the test sets; saves and keys are the test's to send.
type loopScreen struct {
	*testscreen.Screen
	root   string
	runs   *fakeRuns
	keys   chan watch.Key
	files  chan string
	resize chan os.Signal
	mu     sync.Mutex
	cols   int
	rows   int
}

// startLoop starts the loop as `koans` on a terminal does (NO_COLOR), on
// the checkout at root, its runs faked; failing is fakeRuns'.
func startLoop(t *testing.T, root string, cols, rows int, failing map[string]string) *loopScreen {
	t.Helper()
	ws, err := workspace.Open(root, dbenv.SQLite, nil)
	require.NoError(t, err)
	s := &loopScreen{
		Screen: &testscreen.Screen{}, root: root, runs: &fakeRuns{failing: failing},
		keys: make(chan watch.Key, 16), files: make(chan string, 16), resize: make(chan os.Signal, 1),
		cols: cols, rows: rows,
	}
	ws.Runner = s.runs
	known, err := ws.State.Load()
	require.NoError(t, err)
	l := &watch.Loop{
		Catalog: ws.Cat, Workspace: ws, Out: s.Screen, Style: report.NewStyle(false),
		Known: known, FirstRun: !ws.State.Exists(), Building: ws.BuildProgress,
		Files: s.files, Mode: func() string { return watch.ModeEvents },
		Keys: s.keys, Resize: s.resize, Size: s.size,
		After: time.After, Now: time.Now,
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- l.Start(ctx) }()
	t.Cleanup(func() {
		cancel()
		assert.NoError(t, <-done)
	})
	return s
}

func (s *loopScreen) size() (int, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cols, s.rows
}

// setSize resizes the terminal, as a SIGWINCH tells the watcher.
func (s *loopScreen) setSize(cols, rows int) {
	s.mu.Lock()
	s.cols, s.rows = cols, rows
	s.mu.Unlock()
	s.resize <- os.Interrupt // which signal does not matter: the loop redraws
}

func (s *loopScreen) press(keys ...watch.Key) {
	for _, k := range keys {
		s.keys <- k
	}
}

// save edits a file of the checkout and tells the loop, as file events do.
func (s *loopScreen) save(t *testing.T, rel string, edit func(string) string) {
	t.Helper()
	editKoan(t, s.root, rel, edit)
	s.saved(rel)
}

// saved tells the loop a file of the checkout changed.
func (s *loopScreen) saved(rel string) {
	s.files <- filepath.Join(s.root, filepath.FromSlash(rel))
}

// show waits for the last frame to show want.
func (s *loopScreen) show(t *testing.T, want string) {
	t.Helper()
	s.WaitFor(t, want, 10*time.Second)
}

func TestWatchScreensComeFromTheFilesAsTheyAre(t *testing.T) {
	t.Parallel()
	root := twoPhases.Copy(t)
	s := startLoop(t, root, 40, 30, nil)
	s.show(t, "how many SELECTs?")

	// Three lines added above the koan: the screen comes from the file as
	// it is now, the blank where it is now.
	s.save(t, "koans/01_mini/mini_test.go", func(src string) string {
		return strings.Replace(src, "// TestCount:", "// one\n// two\n// three\n\n// TestCount:", 1)
	})
	edited, err := os.ReadFile(filepath.Join(root, "koans", "01_mini", "mini_test.go"))
	require.NoError(t, err)
	line := strings.Count(string(edited)[:strings.Index(string(edited), "assert.Equal(t, __,")], "\n") + 1
	s.show(t, fmt.Sprintf("mini_test.go:%d", line))

	// Wider and narrower: every line fits, the list keeps its header.
	at40 := s.Drawn()
	assertFits(t, at40, 40)
	s.setSize(80, 30)
	s.press('l')
	s.show(t, "> ✗ TestCount")
	s.setSize(40, 12)
	s.press('G')
	// Phase 02 is checked behind the first screen: ✗ once it has run.
	s.show(t, "> ✗ TestNothingSent")
	assert.Contains(t, s.Frame(), "Koans", "the header stays on screen")
	s.press('1')
	s.show(t, "> ✗ TestCount")
	assertFits(t, s.Drawn()[len(at40):], 80)
}

func TestWatchAt120ColumnsFitsAndShowsTheSecondHint(t *testing.T) {
	t.Parallel()
	root := twoPhases.Copy(t)
	editKoan(t, root, "koans/01_mini/mini_test.go", func(src string) string {
		return strings.Replace(src, "assert.Equal(t, __,", "assert.Equal(t, 1,", 1)
	})
	s := startLoop(t, root, 120, 40, map[string]string{"TestOneQuery": "one query, please"})
	s.show(t, "one query, please")
	s.press('h')
	s.show(t, "One WHERE can name many IDs.")
	frame := s.Frame()
	assert.Less(t, strings.Index(frame, "One WHERE"), strings.Index(frame, "SQL this koan sent"), "the hint comes before the SQL it may point at")
	s.press('h')
	s.show(t, "yours: 3 statements, the solution's: 1 statement")
	assert.Contains(t, s.Frame(), "Your SQL beside the solution's")
	assertFits(t, s.Drawn(), 120)

	r := run(t, root, "hint", "--more", "TestOneQuery")
	assert.Contains(t, r.out, "yours: 3 statements, the solution's: 1 statement")
	assert.Contains(t, r.out, "SQL this koan sent:", "what the hint points at is there")
}

func TestADeletedFileIsShownAndRestoredByResetKoan(t *testing.T) {
	t.Parallel()
	root := twoPhases.Copy(t)
	s := startLoop(t, root, 120, 40, nil)
	s.show(t, "how many SELECTs?")
	require.NoError(t, os.Remove(filepath.Join(root, "koans", "01_mini", "mini_test.go")))
	s.saved("koans/01_mini/mini_test.go")
	s.show(t, "its file is missing: `koans reset 01_mini/TestCount` restores it")

	r := run(t, root, "list")
	assert.Regexp(t, "01_mini/TestOneQuery +missing: `koans reset 01_mini/TestOneQuery` restores it", r.out)
	r = run(t, root, "reset", "--yes", "01_mini/TestCount")
	assert.Equal(t, 0, r.code, r.err)
	assert.Contains(t, r.out, "restored koans/01_mini/mini_test.go as shipped: 01_mini/TestCount, 01_mini/TestOneQuery")
	s.saved("koans/01_mini/mini_test.go")
	s.show(t, "fill in the blank: how many SELECTs?")
}

func TestOneProgressCountAndTheEndOfAPhase(t *testing.T) {
	t.Parallel()
	root := twoPhases.Copy(t)
	// Phase 2's first koan solved, phase 1 not: later phases count too.
	editKoan(t, root, "koans/02_more/more_test.go", func(src string) string {
		return strings.Replace(src, "assert.Equal(t, __, queries.Count", "assert.Equal(t, 2, queries.Count", 1)
	})
	r := run(t, root, "run", "02_more/")
	assert.Contains(t, r.out, "1/4")
	r = run(t, root)
	assert.Contains(t, r.out, "1/4", "the one-pass mode counts the later phase")
	r = run(t, root, "list")
	assert.Contains(t, r.out, "1/4")

	// The watcher starts from the verdicts those runs kept.
	s := startLoop(t, root, 120, 40, map[string]string{"TestOneQuery": "one query, please"})
	s.show(t, "how many SELECTs?")
	assert.Contains(t, s.Frame(), "1/4")
	// Solve phase 1: its end has a screen of its own until a key.
	s.save(t, "koans/01_mini/mini_test.go", func(src string) string {
		return strings.Replace(src, "assert.Equal(t, __,", "assert.Equal(t, 1,", 1)
	})
	s.show(t, "one query, please")
	s.runs.mu.Lock()
	delete(s.runs.failing, "TestOneQuery")
	s.runs.mu.Unlock()
	s.saved("koans/01_mini/mini_test.go")
	s.show(t, "Phase 01 done")
	assert.Contains(t, s.Frame(), "koans/02_more/README.md")
	assert.Contains(t, s.Frame(), "A second phase opens with its own idea.")
	// Phase 1 at start, twice after saves, then phase 2, checked behind
	// the end screen: it stays until a key.
	require.Eventually(t, func() bool { return s.runs.ran() == 4 }, 10*time.Second, time.Millisecond)
	time.Sleep(300 * time.Millisecond) // for the loop to draw what that run found
	assert.Contains(t, s.Frame(), "Phase 01 done", "it stays until a key")
	s.press(' ')
	s.show(t, "02_more/TestNothingSent")
	s.show(t, "none — no SQL reached the database.")
	assert.Contains(t, s.Frame(), "3/4")
}

func TestPredictFirstHoldsTheSQLUntilTheBlanksAreFilled(t *testing.T) {
	t.Parallel()
	root := twoPhases.Copy(t)
	r := run(t, root, "run", "02_more/TestTwoCounts")
	assert.Contains(t, r.out, "predict it first")
	assert.NotContains(t, r.out, "SELECT count(*)")
	assert.Contains(t, r.out, "docs: https://gorm.io/docs/query.html")

	editKoan(t, root, "koans/02_more/more_test.go", func(src string) string {
		return strings.Replace(src, "assert.Equal(t, __, queries.Count", "assert.Equal(t, 3, queries.Count", 1)
	})
	s := startLoop(t, root, 120, 40, map[string]string{"TestTwoCounts": "you said 3 — GORM gave 2"})
	s.press('l', '2', watch.KeyEnter)
	s.show(t, "you said 3 — GORM gave 2")
	assert.Contains(t, s.Frame(), "SELECT count(*) FROM `authors`", "tried once: the SQL is shown")

	// Remembered across runs, even with the blank back.
	editKoan(t, root, "koans/02_more/more_test.go", func(src string) string {
		return strings.Replace(src, "assert.Equal(t, 3, queries.Count", "assert.Equal(t, __, queries.Count", 1)
	})
	r = run(t, root, "run", "koans/02_more/more_test.go")
	assert.Contains(t, r.out, "SELECT count(*) FROM `authors`")
}

// Every screen that shows progress counts as `koans list` does: before the
// later phases have run, `koans run` says the count is not known yet; after
// verify (which ran everything), it shows verify's count.
func TestOneCountOnEveryScreen(t *testing.T) {
	t.Parallel()
	root := twoPhases.Copy(t)
	copyFile(t, filepath.Join(root, "solutions", "02_more", "more_test.go"), filepath.Join(root, "koans", "02_more", "more_test.go"))

	r := run(t, root, "run")
	assert.Contains(t, r.out, "0/4")
	assert.Contains(t, r.out, "2 of 4 koans not checked yet", "phase 02 has not run: the count is a floor, and says so")

	r = run(t, root, "verify", "--original", root)
	assert.Contains(t, r.out, "2/4")
	r = run(t, root, "run")
	assert.Contains(t, r.out, "2/4", "verify's count, kept")
	assert.NotContains(t, r.out, "not checked yet")
	r = run(t, root, "list")
	assert.Contains(t, r.out, "2/4")
}

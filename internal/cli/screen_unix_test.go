//go:build unix

package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures/dbenv"
	"github.com/gorm-koans/gorm-koans/internal/report"
	"github.com/gorm-koans/gorm-koans/internal/testcheckout"
	"github.com/gorm-koans/gorm-koans/internal/trace"
)

// twoPhases is mini with a second phase, 02_more, whose first koan shows
// its SQL only after a first try; the reference SQL of both is recorded,
// as `koans dev gen` does.
var twoPhases = testcheckout.New(func(root string) error {
	if err := testcheckout.Module(root); err != nil {
		return err
	}
	for _, phases := range []string{"solutions", "extra"} {
		if err := testcheckout.Phases(root, filepath.Join("testdata", phases)); err != nil {
			return err
		}
	}
	_, err := trace.Generate(context.Background(), root, dbenv.SQLite, nil)
	return err
})

// drawn is everything written to the terminal so far, cursor codes removed.
func (s *ptySession) drawn() string {
	all := s.screen.all()
	for _, move := range []string{"\x1b[H", "\x1b[2J", "\x1b[?25l", "\x1b[?25h"} {
		all = strings.ReplaceAll(all, move, "")
	}
	return all
}

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

func TestWatchScreensComeFromTheFilesAsTheyAre(t *testing.T) {
	t.Parallel()
	root := twoPhases.Copy(t)
	s := startSized(t, root, 40, 30, "TERM=xterm")
	s.screen.waitFor(t, "how many SELECTs?", 3*time.Minute)

	// A wrong answer shows expected and actual after a save.
	editKoan(t, root, "koans/01_mini/mini_test.go", func(src string) string {
		return strings.Replace(src, "assert.Equal(t, __,", "assert.Equal(t, 2,", 1)
	})
	s.screen.waitFor(t, "GORM gave 1", 30*time.Second)

	// Three lines added above the koan, the blank back: the blank is found
	// where it is now, and its type never shows.
	editKoan(t, root, "koans/01_mini/mini_test.go", func(src string) string {
		src = strings.Replace(src, "assert.Equal(t, 2,", "assert.Equal(t, __,", 1)
		return strings.Replace(src, "// TestCount:", "// one\n// two\n// three\n\n// TestCount:", 1)
	})
	s.screen.waitFor(t, "how many SELECTs?", 30*time.Second)
	edited, err := os.ReadFile(filepath.Join(root, "koans", "01_mini", "mini_test.go"))
	require.NoError(t, err)
	line := strings.Count(string(edited)[:strings.Index(string(edited), "assert.Equal(t, __,")], "\n") + 1
	assert.Contains(t, s.screen.frame(), fmt.Sprintf("mini_test.go:%d", line), "the blank's line as it is now")
	assert.NotContains(t, s.screen.all(), "fixtures.blank")

	// Wider and narrower: every line fits, the list keeps its header.
	at40 := s.drawn()
	assertFits(t, at40, 40)
	require.NoError(t, pty.Setsize(s.ptmx, &pty.Winsize{Rows: 30, Cols: 80}))
	s.press(t, "l")
	s.screen.waitFor(t, "> ✗ TestCount", 5*time.Second)
	require.NoError(t, pty.Setsize(s.ptmx, &pty.Winsize{Rows: 12, Cols: 40}))
	s.press(t, "G")
	// Phase 02 is checked behind the first screen: ✗ once it has run.
	s.screen.waitFor(t, "> ✗ TestNothingSent", 30*time.Second)
	assert.Contains(t, s.screen.frame(), "Koans", "the header stays on screen")
	s.press(t, "1")
	s.screen.waitFor(t, "> ✗ TestCount", 5*time.Second)
	s.quit(t, "q")
	assertFits(t, s.drawn()[len(at40):], 80)
}

func TestWatchAt120ColumnsFitsAndShowsTheSecondHint(t *testing.T) {
	t.Parallel()
	root := twoPhases.Copy(t)
	editKoan(t, root, "koans/01_mini/mini_test.go", func(src string) string {
		return strings.Replace(src, "assert.Equal(t, __,", "assert.Equal(t, 1,", 1)
	})
	s := startSized(t, root, 120, 40, "TERM=xterm")
	s.screen.waitFor(t, "one query, please", 3*time.Minute)
	s.press(t, "h")
	s.screen.waitFor(t, "One WHERE can name many IDs.", 5*time.Second)
	frame := s.screen.frame()
	assert.Less(t, strings.Index(frame, "One WHERE"), strings.Index(frame, "SQL this koan sent"), "the hint comes before the SQL it may point at")
	s.press(t, "h")
	s.screen.waitFor(t, "yours: 3 statements, the solution's: 1 statement", 5*time.Second)
	assert.Contains(t, s.screen.frame(), "Your SQL beside the solution's")
	s.quit(t, "q")
	assertFits(t, s.drawn(), 120)

	r := run(t, root, "hint", "--more", "TestOneQuery")
	assert.Contains(t, r.out, "yours: 3 statements, the solution's: 1 statement")
	assert.Contains(t, r.out, "SQL this koan sent:", "what the hint points at is there")
}

func TestADeletedFileIsShownAndRestoredByResetKoan(t *testing.T) {
	t.Parallel()
	root := twoPhases.Copy(t)
	s := startWatch(t, root)
	s.screen.waitFor(t, "how many SELECTs?", 3*time.Minute)
	require.NoError(t, os.Remove(filepath.Join(root, "koans", "01_mini", "mini_test.go")))
	s.screen.waitFor(t, "its file is missing: `koans reset 01_mini/TestCount` restores it", 30*time.Second)

	r := run(t, root, "list")
	assert.Regexp(t, "01_mini/TestOneQuery +missing: `koans reset 01_mini/TestOneQuery` restores it", r.out)
	r = run(t, root, "reset", "--yes", "01_mini/TestCount")
	assert.Equal(t, 0, r.code, r.err)
	assert.Contains(t, r.out, "restored koans/01_mini/mini_test.go as shipped: 01_mini/TestCount, 01_mini/TestOneQuery")
	s.screen.waitFor(t, "fill in the blank: how many SELECTs?", 30*time.Second)
	s.quit(t, "q")
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

	s := startWatch(t, root)
	s.screen.waitFor(t, "how many SELECTs?", 3*time.Minute)
	assert.Contains(t, s.screen.frame(), "1/4")
	// Solve phase 1: its end has a screen of its own until a key.
	editKoan(t, root, "koans/01_mini/mini_test.go", func(src string) string {
		return strings.Replace(src, "assert.Equal(t, __,", "assert.Equal(t, 1,", 1)
	})
	s.screen.waitFor(t, "one query, please", 30*time.Second)
	solution, err := os.ReadFile(filepath.Join(root, "solutions", "01_mini", "mini_test.go"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(root, "koans", "01_mini", "mini_test.go"), solution, 0o644))
	s.screen.waitFor(t, "Phase 01 done", 30*time.Second)
	assert.Contains(t, s.screen.frame(), "koans/02_more/README.md")
	assert.Contains(t, s.screen.frame(), "A second phase opens with its own idea.")
	time.Sleep(300 * time.Millisecond)
	assert.Contains(t, s.screen.frame(), "Phase 01 done", "it stays until a key")
	s.press(t, " ")
	s.screen.waitFor(t, "02_more/TestNothingSent", 10*time.Second)
	s.screen.waitFor(t, "none — no SQL reached the database.", 30*time.Second)
	assert.Contains(t, s.screen.frame(), "3/4")
	s.quit(t, "q")
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
	s := startWatch(t, root)
	s.press(t, "l2\r")
	s.screen.waitFor(t, "you said 3 — GORM gave 2", 3*time.Minute)
	assert.Contains(t, s.screen.frame(), "SELECT count(*) FROM `authors`", "tried once: the SQL is shown")
	s.quit(t, "q")

	// Remembered across runs, even with the blank back.
	editKoan(t, root, "koans/02_more/more_test.go", func(src string) string {
		return strings.Replace(src, "assert.Equal(t, 3, queries.Count", "assert.Equal(t, __, queries.Count", 1)
	})
	r = run(t, root, "run", "koans/02_more/more_test.go")
	assert.Contains(t, r.out, "SELECT count(*) FROM `authors`")
}

func TestDumbTerminalGetsLinesWithoutCursorCodes(t *testing.T) {
	t.Parallel()
	root := checkout(t)
	s := startSized(t, root, 80, 24, "TERM=dumb")
	s.screen.waitFor(t, "how many SELECTs?", 3*time.Minute)
	second := startSized(t, root, 80, 24, "TERM=dumb")
	second.screen.waitFor(t, "a watcher is already running in this checkout", 10*time.Second)
	s.quit(t, "q")
	assert.NotContains(t, s.screen.all(), "\x1b[")
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

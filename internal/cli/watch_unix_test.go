//go:build unix

package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"

	"github.com/gorm-koans/gorm-koans/internal/testscreen"
)

// The watcher's two smoke tests drive the real koans binary through a
// pseudo-terminal, in a temporary checkout, the way a learner's terminal
// would: file events and polling, keys, the terminal's modes, TERM=dumb,
// the lock. Its screens are tested on the loop itself (screen_test.go).

var buildOnce = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "koans-bin-")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "koans")
	cmd := exec.Command("go", "build", "-o", bin, "../../cmd/koans")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", &buildError{string(out)}
	}
	return bin, nil
})

type buildError struct{ out string }

func (e *buildError) Error() string { return "building koans: " + e.out }

type ptySession struct {
	cmd    *exec.Cmd
	ptmx   *os.File
	tty    *os.File
	screen *testscreen.Screen
	before *unix.Termios
	exited chan error
}

func startWatch(t *testing.T, root string, args ...string) *ptySession {
	t.Helper()
	return startSized(t, root, 120, 40, "TERM=xterm", args...)
}

// startSized starts the watcher in a terminal of cols × rows, with term as
// its TERM.
func startSized(t *testing.T, root string, cols, rows uint16, term string, args ...string) *ptySession {
	t.Helper()
	bin, err := buildOnce()
	require.NoError(t, err)
	ptmx, tty, err := pty.Open()
	require.NoError(t, err)
	require.NoError(t, pty.Setsize(ptmx, &pty.Winsize{Rows: rows, Cols: cols}))
	before, err := unix.IoctlGetTermios(int(tty.Fd()), ioctlGetTermios)
	require.NoError(t, err)

	cmd := exec.Command(bin, args...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), term, "NO_COLOR=1")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	cmd.SysProcAttr = &unix.SysProcAttr{Setsid: true, Setctty: true}
	require.NoError(t, cmd.Start())
	s := &ptySession{cmd: cmd, ptmx: ptmx, tty: tty, screen: &testscreen.Screen{}, before: before, exited: make(chan error, 1)}
	go func() { _, _ = copyAll(s.screen, ptmx) }()
	go func() { s.exited <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		ptmx.Close()
		tty.Close()
	})
	return s
}

func copyAll(dst *testscreen.Screen, src *os.File) (int64, error) {
	buf := make([]byte, 4096)
	var n int64
	for {
		k, err := src.Read(buf)
		if k > 0 {
			_, _ = dst.Write(buf[:k])
			n += int64(k)
		}
		if err != nil {
			return n, err
		}
	}
}

func (s *ptySession) press(t *testing.T, keys string) {
	t.Helper()
	_, err := s.ptmx.Write([]byte(keys))
	require.NoError(t, err)
}

// quit presses a key that ends the program and checks the terminal is as
// it was before: the same termios, so `stty -a` would print the same.
func (s *ptySession) quit(t *testing.T, key string) {
	t.Helper()
	s.press(t, key)
	select {
	case err := <-s.exited:
		require.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("the watcher did not quit")
	}
	after, err := unix.IoctlGetTermios(int(s.tty.Fd()), ioctlGetTermios)
	require.NoError(t, err)
	assert.Equal(t, *s.before, *after, "the terminal was not restored")
}

// solveFirstBlank fills the mini phase's first blank in the learner's file.
func solveFirstBlank(t *testing.T, root string) []byte {
	t.Helper()
	file := filepath.Join(root, "koans", "01_mini", "mini_test.go")
	src, err := os.ReadFile(file)
	require.NoError(t, err)
	solved := strings.Replace(string(src), "assert.Equal(t, __,", "assert.Equal(t, 1,", 1)
	require.NotEqual(t, string(src), solved)
	return []byte(solved)
}

func TestWatchAdvancesOnSave(t *testing.T) {
	t.Parallel()
	root := checkout(t)
	s := startWatch(t, root)
	s.screen.WaitFor(t, "fill in the blank: how many SELECTs?", 3*time.Minute)
	assert.Contains(t, s.screen.Frame(), "SELECT count(*) FROM `books`")
	assert.Contains(t, s.screen.Frame(), "(file events)")

	require.NoError(t, os.WriteFile(filepath.Join(root, "koans", "01_mini", "mini_test.go"), solveFirstBlank(t, root), 0o644))
	s.screen.WaitFor(t, "koan 2/2", 30*time.Second)
	assert.Contains(t, s.screen.Frame(), "one query, please")
	assert.Contains(t, s.screen.Frame(), "Progress")

	s.press(t, "h")
	s.screen.WaitFor(t, "One WHERE can name many IDs.", 5*time.Second)
	s.press(t, "l")
	s.screen.WaitFor(t, "> ✗ TestOneQuery", 5*time.Second)
	s.press(t, "k\r")
	s.screen.WaitFor(t, "✓ A finisher sends one SELECT.", 5*time.Second)
	s.press(t, "r")
	s.screen.WaitFor(t, "⟳ running 01_mini", 5*time.Second)
	s.quit(t, "\x03") // Ctrl-C

	// NO_COLOR: nothing but cursor movement.
	assert.NotContains(t, s.screen.Drawn(), "\x1b[", "an escape sequence other than cursor movement under NO_COLOR")
}

// A dumb terminal, polling: a save by rename is noticed (as vim and
// JetBrains save: write a new file, then rename it over the old), screens
// come one below the other without cursor codes, and a second watcher in
// the same checkout is refused.
func TestWatchPollsADumbTerminal(t *testing.T) {
	t.Parallel()
	root := checkout(t)
	s := startSized(t, root, 80, 24, "TERM=dumb", "--poll")
	s.screen.WaitFor(t, "fill in the blank: how many SELECTs?", 3*time.Minute)
	assert.Contains(t, s.screen.Frame(), "(polling)")
	second := startSized(t, root, 80, 24, "TERM=dumb")
	second.screen.WaitFor(t, "a watcher is already running in this checkout", 10*time.Second)

	dir := filepath.Join(root, "koans", "01_mini")
	tmp := filepath.Join(dir, ".mini_test.go.swp")
	require.NoError(t, os.WriteFile(tmp, solveFirstBlank(t, root), 0o644))
	require.NoError(t, os.Rename(tmp, filepath.Join(dir, "mini_test.go")))
	s.screen.WaitFor(t, "koan 2/2", 30*time.Second)
	s.quit(t, "q")
	assert.NotContains(t, s.screen.All(), "\x1b[")
}

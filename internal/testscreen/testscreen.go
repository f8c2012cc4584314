// Package testscreen is a terminal's screen for the watcher's tests: what
// was written to it, read safely while the watcher goes on writing, and
// the last full frame drawn.
package testscreen

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"
)

// clear starts each full frame the watcher draws (after the cursor's
// move home).
const clear = "\x1b[2J"

// Screen collects what was written to a terminal.
type Screen struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *Screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

// All is everything written so far.
func (s *Screen) All() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

// Frame is the last full screen drawn; everything, on a terminal whose
// screens are never cleared (TERM=dumb).
func (s *Screen) Frame() string {
	all := s.All()
	if i := strings.LastIndex(all, clear); i >= 0 {
		return all[i:]
	}
	return all
}

// Drawn is everything written so far, cursor codes removed.
func (s *Screen) Drawn() string {
	all := s.All()
	for _, move := range []string{"\x1b[H", clear, "\x1b[?25l", "\x1b[?25h"} {
		all = strings.ReplaceAll(all, move, "")
	}
	return all
}

// WaitFor waits until the last frame shows want, and fails the test if
// it does not within the time given.
func (s *Screen) WaitFor(t testing.TB, want string, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		if strings.Contains(s.Frame(), want) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("the screen never showed %q within %s; last frame:\n%s", want, within, s.Frame())
}

package watch

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// File events that never come (WSL2, network drives): polling finds the
// save, waits for the events to report it, and when they do not, says so,
// hands the save on and polls from then on.
func TestMissedSavesSwitchToPolling(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a_test.go")
	require.NoError(t, os.WriteFile(path, []byte("package a\n"), 0o644))
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()

	// Trusting file events, but listening to none: every save is missed.
	f := newFiles([]string{dir}, 10*time.Millisecond, 10*time.Millisecond)
	f.setMode(ModeEvents)
	go f.pollLoop(ctx)
	require.NoError(t, os.WriteFile(path, []byte("package a // saved\n"), 0o644))

	select {
	case got := <-f.C:
		assert.Equal(t, path, got)
	case <-time.After(time.Minute):
		t.Fatal("the missed save was never handed on")
	}
	assert.Equal(t, ModeMissed, f.Mode())
	f.mu.Lock()
	defer f.mu.Unlock()
	assert.Less(t, f.poll, 2*time.Second, "polls often once events are not trusted")
}

// A save the file events report keeps them trusted.
func TestReportedSavesKeepFileEvents(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a_test.go")
	require.NoError(t, os.WriteFile(path, []byte("package a\n"), 0o644))
	f := WatchFiles(t.Context(), []string{dir}, false)
	require.Equal(t, ModeEvents, f.Mode(), "inotify is available here")

	require.NoError(t, os.WriteFile(path, []byte("package a // saved\n"), 0o644))
	select {
	case got := <-f.C:
		assert.Equal(t, path, got)
	case <-time.After(time.Minute):
		t.Fatal("the save was never reported")
	}
	assert.Equal(t, ModeEvents, f.Mode())
}

// Editors that save by rename (vim, JetBrains: a new file written, then
// renamed over the old one) are noticed by file events and by polling
// alike, as a save of the file renamed over; events stay trusted.
func TestASaveByRenameIsNoticed(t *testing.T) {
	for _, tc := range []struct {
		poll bool
		tmp  string
		mode string
	}{
		{false, "a_test.go~", ModeEvents},
		{true, ".a_test.go.swp", ModePoll},
	} {
		t.Run(tc.mode, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "a_test.go")
			require.NoError(t, os.WriteFile(path, []byte("package a\n"), 0o644))
			f := WatchFiles(t.Context(), []string{dir}, tc.poll)
			tmp := filepath.Join(dir, tc.tmp)
			require.NoError(t, os.WriteFile(tmp, []byte("package a // saved\n"), 0o644))
			require.NoError(t, os.Rename(tmp, path))
			for got := ""; got != path; {
				select {
				case got = <-f.C:
				case <-time.After(time.Minute):
					t.Fatal("the save was never reported")
				}
			}
			assert.Equal(t, tc.mode, f.Mode())
		})
	}
}

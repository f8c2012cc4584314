//go:build unix

package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"

	"github.com/gorm-koans/gorm-koans/internal/state"
)

// lockWatch makes sure one watcher runs per checkout: a second one would
// run the same koans again and draw over nothing the learner looks at. The
// lock is the kernel's, so it goes with the process however it ends.
func lockWatch(root string) (func(), error) {
	path := filepath.Join(root, state.FileName+".lock") // git-ignored with the state
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		return nil, usagef("a watcher is already running in this checkout (another terminal?): use that one, or quit it first; `koans run` works beside it")
	}
	return func() { f.Close() }, nil
}

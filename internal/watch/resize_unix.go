//go:build unix

package watch

import (
	"os"
	"os/signal"
	"syscall"
)

// Resizes delivers a value each time the terminal window changes size.
func Resizes() (<-chan os.Signal, func()) {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGWINCH)
	return c, func() { signal.Stop(c) }
}

//go:build !unix

package watch

import "os"

// Resizes never fires where the system sends no resize signal (Windows);
// the screen is redrawn at the next run instead.
func Resizes() (<-chan os.Signal, func()) {
	return nil, func() {}
}

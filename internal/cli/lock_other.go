//go:build !unix

package cli

// lockWatch: without flock, a second watcher is not detected.
func lockWatch(string) (func(), error) { return func() {}, nil }

// Package sandbox runs a learner's test process under bubblewrap (bwrap):
// no network, the file system read-only except one writable directory (the
// submission's own temporary copy), the grader's home, /tmp and /run
// hidden, and no Unix socket but the ones it is given (its database's). Learner code
// runs only in these processes; the compile step before them runs the
// toolchain, which runs no learner code.
package sandbox

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
)

// Sandbox wraps commands in bwrap. The zero value runs them as they are.
type Sandbox struct {
	bwrap string // the bwrap binary; "" means no sandbox
	hide  []string
}

// ErrUnavailable says bwrap is missing or cannot start a sandbox here.
var ErrUnavailable = errors.New("bubblewrap (bwrap) is not installed or cannot run here")

// New finds bwrap and checks that it can start a sandbox on this machine.
func New() (*Sandbox, error) {
	path, err := exec.LookPath("bwrap")
	if err != nil {
		return nil, fmt.Errorf("%w: install the package bubblewrap (Debian/Ubuntu: apt-get install bubblewrap)", ErrUnavailable)
	}
	s := &Sandbox{bwrap: path}
	// Every home on the machine, the grader's first: keys, tokens, history.
	if home, err := os.UserHomeDir(); err == nil && home != "/" {
		s.hide = append(s.hide, home)
	}
	for _, h := range []string{"/root", "/home"} {
		if fi, err := os.Stat(h); err == nil && fi.IsDir() && !slices.Contains(s.hide, h) {
			s.hide = append(s.hide, h)
		}
	}
	dir, err := os.MkdirTemp("", "koans-sandbox-check-")
	if err != nil {
		return nil, fmt.Errorf("checking the sandbox: %w", err)
	}
	defer os.RemoveAll(dir)
	out, err := exec.Command(path, s.Args(Box{Writable: dir, Dir: dir}, []string{"true"})...).CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("%w: %s", ErrUnavailable, strings.TrimSpace(string(out)+" "+err.Error()))
	}
	return s, nil
}

// Enabled reports whether commands run sandboxed.
func (s *Sandbox) Enabled() bool { return s != nil && s.bwrap != "" }

// Box is what one sandboxed command may touch besides reading the file
// system: everything under /tmp, /run and the homes is hidden from it
// unless named here.
type Box struct {
	Writable string   // the one directory it may write
	Readable []string // files or directories it may read where they would be hidden
	// Sockets are Unix sockets it may connect to: with no network, its
	// only way out (a database server's socket, or a forwarder's).
	Sockets []string
	Dir     string // its working directory
}

// Command returns the command line that runs argv in the box. Without a
// sandbox it is argv itself.
func (s *Sandbox) Command(box Box, argv []string) []string {
	if !s.Enabled() {
		return argv
	}
	return append([]string{s.bwrap}, s.Args(box, argv)...)
}

// Args are bwrap's arguments for one command.
func (s *Sandbox) Args(box Box, argv []string) []string {
	args := []string{
		"--unshare-all", // network, pid, ipc, uts, and a user namespace where one is needed
		"--die-with-parent",
		"--new-session", // no terminal to inject keystrokes into
		"--ro-bind", "/", "/",
		"--dev", "/dev",
		"--proc", "/proc",
		"--tmpfs", "/tmp",
	}
	// Unix sockets are the way out that --unshare-net leaves open: the
	// system's live in /run (a database's, a container engine's, the bus).
	if fi, err := os.Lstat("/run"); err == nil && fi.IsDir() {
		args = append(args, "--tmpfs", "/run")
	}
	for _, h := range s.hide {
		args = append(args, "--tmpfs", h)
	}
	for _, r := range box.Readable {
		args = append(args, "--ro-bind", r, r)
	}
	// Connecting needs no write access: a socket bound read-only still
	// answers, and cannot be replaced.
	for _, sock := range box.Sockets {
		args = append(args, "--ro-bind", sock, sock)
	}
	args = append(args,
		"--bind", box.Writable, box.Writable,
		"--setenv", "HOME", box.Writable,
		"--setenv", "TMPDIR", box.Writable,
		"--chdir", box.Dir,
		"--")
	return append(args, argv...)
}

// Package sandbox runs a learner's test process under bubblewrap (bwrap):
// no network, the file system read-only except one writable directory (the
// submission's own temporary copy), the grader's home hidden. Learner code
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
	out, err := exec.Command(path, s.Args(dir, nil, dir, []string{"true"})...).CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("%w: %s", ErrUnavailable, strings.TrimSpace(string(out)+" "+err.Error()))
	}
	return s, nil
}

// Enabled reports whether commands run sandboxed.
func (s *Sandbox) Enabled() bool { return s != nil && s.bwrap != "" }

// Command returns the command line that runs argv in the sandbox, with
// writable as the one directory it may write, readable directories it may
// read where they would be hidden (under /tmp or a home), and dir as its
// working directory. Without a sandbox it is argv itself.
func (s *Sandbox) Command(writable string, readable []string, dir string, argv []string) []string {
	if !s.Enabled() {
		return argv
	}
	return append([]string{s.bwrap}, s.Args(writable, readable, dir, argv)...)
}

// Args are bwrap's arguments for one command.
func (s *Sandbox) Args(writable string, readable []string, dir string, argv []string) []string {
	args := []string{
		"--unshare-all", // network, pid, ipc, uts, and a user namespace where one is needed
		"--die-with-parent",
		"--new-session", // no terminal to inject keystrokes into
		"--ro-bind", "/", "/",
		"--dev", "/dev",
		"--proc", "/proc",
		"--tmpfs", "/tmp",
	}
	for _, h := range s.hide {
		args = append(args, "--tmpfs", h)
	}
	for _, r := range readable {
		args = append(args, "--ro-bind", r, r)
	}
	args = append(args,
		"--bind", writable, writable,
		"--setenv", "HOME", writable,
		"--setenv", "TMPDIR", writable,
		"--chdir", dir,
		"--")
	return append(args, argv...)
}

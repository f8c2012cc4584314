// Package sandbox runs a learner's test process under bubblewrap (bwrap),
// in a file system made of only what it needs: the system's programs and
// libraries (/usr and the /lib links), its own binaries, read-only, the
// sockets it may connect to, and a small private /tmp that is its home and
// working directory. Nothing of the grader is there: not its home, not
// the originals (--original), not another submission, not go's caches.
// It has no network, and limits on its memory, processes and files.
// Learner code runs only in these processes.
package sandbox

import (
	"context"
	"errors"
	"os/exec"
)

// Sandbox wraps commands in bwrap. The zero value runs them as they are.
type Sandbox struct {
	bwrap   string // the bwrap binary; "" means no sandbox
	prlimit string // util-linux's prlimit, which sets the limits inside
}

// ErrUnavailable says bwrap is missing or cannot start a sandbox here.
var ErrUnavailable = errors.New("bubblewrap (bwrap) is not installed or cannot run here")

// Limits bound what one sandboxed command may use. A zero field takes its
// Default.
type Limits struct {
	// Memory is the data it may map (RLIMIT_DATA): its heap, its threads'
	// stacks, C's malloc; not the binary's own pages.
	Memory int64
	// Procs is how many processes and threads it may run at once
	// (RLIMIT_NPROC, counted in its own user namespace).
	Procs int
	// Disk is the size of its private /tmp, and of any file it writes.
	Disk int64
}

// Default are the limits of a koan's process: ten times what the heaviest
// koan needs, far below what would trouble a grading machine running one
// per core.
var Default = Limits{Memory: 512 << 20, Procs: 128, Disk: 64 << 20}

// Private is the sandbox's own writable directory: its home, its TMPDIR
// and its working directory, a tmpfs that vanishes with it.
const Private = "/tmp"

// Command returns the command that runs argv in the box; without a sandbox,
// argv as it is.
func (s *Sandbox) Command(ctx context.Context, box Box, argv []string) (*exec.Cmd, error) {
	if !s.Enabled() {
		return exec.CommandContext(ctx, argv[0], argv[1:]...), nil
	}
	return s.command(ctx, box, argv)
}

// Enabled reports whether commands run sandboxed.
func (s *Sandbox) Enabled() bool { return s != nil && s.bwrap != "" }

// Box is what one sandboxed command may touch besides the system's
// programs and libraries and its private /tmp.
type Box struct {
	// Readable are files it may read (and run), each at its own path.
	Readable []string
	// Sockets are Unix sockets it may connect to: with no network, its
	// only way out (a database server's socket, or a forwarder's).
	Sockets []string
	Limits  Limits
}

func (l Limits) orDefault() Limits {
	if l.Memory <= 0 {
		l.Memory = Default.Memory
	}
	if l.Procs <= 0 {
		l.Procs = Default.Procs
	}
	if l.Disk <= 0 {
		l.Disk = Default.Disk
	}
	return l
}

//go:build linux

package sandbox

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
)

// UID is the user a sandbox runs as: the grader's own, or nobody when the
// grader is root, which is exempt from the process limit and has no
// business in learner code. Whatever a sandbox binds must be reachable by
// this user (directories it passes through searchable, sockets writable).
func UID() int {
	if uid := os.Geteuid(); uid != 0 {
		return uid
	}
	return 65534
}

// New finds bwrap and prlimit and checks that a sandbox starts here.
func New() (*Sandbox, error) {
	path, err := exec.LookPath("bwrap")
	if err != nil {
		return nil, fmt.Errorf("%w: install the package bubblewrap (Debian/Ubuntu: apt-get install bubblewrap)", ErrUnavailable)
	}
	prlimit, err := exec.LookPath("prlimit")
	if err != nil {
		return nil, fmt.Errorf("%w: prlimit (util-linux) is missing, which sets each koan's limits", ErrUnavailable)
	}
	s := &Sandbox{bwrap: path, prlimit: prlimit}
	cmd, err := s.Command(context.Background(), Box{}, []string{"true"})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("%w: %s %v", ErrUnavailable, out, err)
	}
	return s, nil
}

func (s *Sandbox) command(ctx context.Context, box Box, argv []string) (*exec.Cmd, error) {
	cmd := exec.CommandContext(ctx, s.bwrap)
	limits := box.Limits.orDefault()
	cmd.Args = append(cmd.Args,
		"--unshare-all", // network, pid, ipc, uts, and a user namespace
		"--die-with-parent",
		"--new-session", // no terminal to inject keystrokes into
		"--dev", "/dev",
		"--proc", "/proc",
	)
	cmd.Args = append(cmd.Args, system()...)
	// The private /tmp first: what is bound below it (binaries, sockets
	// under the host's /tmp) is mounted over it, not hidden by it.
	cmd.Args = append(cmd.Args, "--perms", "0700", "--size", strconv.FormatInt(limits.Disk, 10), "--tmpfs", Private)
	for _, r := range box.Readable {
		cmd.Args = append(cmd.Args, "--ro-bind", r, r)
	}
	// Connecting needs no write access: a socket bound read-only still
	// answers, and cannot be replaced.
	for _, sock := range box.Sockets {
		cmd.Args = append(cmd.Args, "--ro-bind", sock, sock)
	}
	cmd.Args = append(cmd.Args,
		"--setenv", "HOME", Private,
		"--setenv", "TMPDIR", Private,
		"--chdir", Private,
		"--", s.prlimit,
		"--data="+strconv.FormatInt(limits.Memory, 10),
		"--nproc="+strconv.Itoa(limits.Procs),
		"--fsize="+strconv.FormatInt(limits.Disk, 10),
		"--core=0",
		"--")
	cmd.Args = append(cmd.Args, argv...)
	if uid := UID(); uid != os.Geteuid() {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(uid)}}
	}
	return cmd, nil
}

// system is the part of the host every process needs: programs and
// libraries, the loader's cache, the time zone. /usr holds them on every
// current distribution; /bin, /lib… are links into it (merged /usr) or
// directories of their own. Nothing else of the host is there: /etc
// (credentials, keys), /home, /root, /var, /opt, /srv, /mnt, /work…
func system() []string {
	var args []string
	for _, dir := range []string{"/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"} {
		fi, err := os.Lstat(dir)
		switch {
		case err != nil:
		case fi.Mode()&os.ModeSymlink != 0:
			if target, err := os.Readlink(dir); err == nil {
				args = append(args, "--symlink", target, dir)
			}
		case fi.IsDir():
			args = append(args, "--ro-bind", dir, dir)
		}
	}
	for _, file := range []string{"/etc/ld.so.cache", "/etc/localtime"} {
		if resolved, err := filepath.EvalSymlinks(file); err == nil {
			args = append(args, "--ro-bind", resolved, file)
		}
	}
	return args
}

// Package relaunch runs the koans CLI again, built with a database's build
// tag, when the running build lacks that database's driver. The CLI a
// learner builds first links no server's driver, so it builds quickly on
// SQLite, the default; on PostgreSQL or MySQL the driver is compiled once,
// as the koans there compile it anyway, and the build cache keeps it.
package relaunch

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"

	"golang.org/x/mod/modfile"
)

// Module is the CLI's module path: a checkout whose go.mod names it holds
// the CLI's source.
const Module = "github.com/gorm-koans/gorm-koans"

// Env marks a relaunched CLI with the tag it was built with: a build that
// still lacks the driver then says so instead of starting itself again.
const Env = "KOANS_RELAUNCHED"

// A Launch is the CLI built with a database's tag, and how to start it.
type Launch struct {
	// Build makes Run's program; nil when the one there is up to date.
	// Its errors go to its Stderr.
	Build *exec.Cmd
	// Run runs the CLI with the command line it was given.
	Run *exec.Cmd
	// stamp says what Run's program was built from; Built records it.
	stamp, stampFile string
}

// Prepare returns how to run the CLI with args, built with tag into dir (a
// directory of the user's cache that keeps it between starts). A released
// CLI (a module version, as `go install …@v0.10.0` or a Classroom
// workflow's `go run …@v0.10.0` builds it) is built again at that same
// version, so a submission's own copy of the CLI is never what grades it;
// a CLI built from source is built from root, the checkout it was started
// in. env is the environment of both (Env added).
func Prepare(root, dir, tag string, args, env []string) (*Launch, error) {
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, Env+"="); ok && v == tag {
			return nil, errors.New("it was already started again with that tag and still lacks the driver")
		}
	}
	env = append(slices.Clone(env), Env+"="+tag)
	l := &Launch{}
	var bin string
	if info, ok := debug.ReadBuildInfo(); ok && fromModuleCache(info) {
		// go install is the go command that builds a module version;
		// GOBIN names where. A version never changes: its stamp is itself.
		gobin := filepath.Join(dir, info.Main.Version, tag)
		bin = filepath.Join(gobin, "koans"+exeSuffix())
		l.Build = exec.Command("go", "install", "-tags", tag, Module+"/cmd/koans@"+info.Main.Version)
		l.Build.Env = append(slices.Clone(env), "GOBIN="+gobin)
		l.stamp = info.Main.Version
	} else {
		if err := checkModule(root); err != nil {
			return nil, err
		}
		// One binary per checkout: two checkouts do not rebuild each
		// other's.
		sum := sha256.Sum256([]byte(root))
		bin = filepath.Join(dir, fmt.Sprintf("koans-%s-%x%s", tag, sum[:4], exeSuffix()))
		// The same flags as the CLI's own build (no -trimpath): the
		// packages it compiled are reused from the build cache.
		l.Build = exec.Command("go", "build", "-tags", tag, "-o", bin, "./cmd/koans")
		l.Build.Dir, l.Build.Env = root, env
		stamp, err := sourceStamp(root)
		if err != nil {
			return nil, err
		}
		l.stamp = stamp
	}
	l.stampFile = bin + ".stamp"
	if old, err := os.ReadFile(l.stampFile); err == nil && string(old) == l.stamp {
		if _, err := os.Stat(bin); err == nil {
			l.Build = nil
		}
	}
	l.Run = exec.Command(bin, args...)
	l.Run.Env = env
	return l, nil
}

// Built records that Run's program was built from what it was: the next
// start runs it without asking the go command, which takes a good part of
// a second even when it has nothing to do.
func (l *Launch) Built() error {
	if err := os.WriteFile(l.stampFile, []byte(l.stamp), 0o644); err != nil {
		return fmt.Errorf("recording the CLI's build: %w", err)
	}
	return nil
}

// sourceStamp says what a build from root would be made of: the Go
// toolchain, and the name, size and time of every file the CLI is built
// from (the module's files outside koans/ and solutions/, which it does
// not import). Any edit there changes it.
func sourceStamp(root string) (string, error) {
	h := sha256.New()
	fmt.Fprintln(h, runtime.Version())
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() {
			switch {
			case rel == ".":
				return nil
			case strings.HasPrefix(d.Name(), "."), d.Name() == "testdata", rel == "koans", rel == "solutions":
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") && d.Name() != "go.mod" && d.Name() != "go.sum" {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s %d %d\n", filepath.ToSlash(rel), info.Size(), info.ModTime().UnixNano())
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("reading the CLI's source: %w", err)
	}
	return fmt.Sprintf("%x", h.Sum(nil)), nil
}

func exeSuffix() string {
	if runtime.GOOS == "windows" {
		return ".exe"
	}
	return ""
}

// checkModule checks that root is a checkout of the CLI's own module.
func checkModule(root string) error {
	if root == "" {
		return errors.New("it was not started in a gorm-koans checkout")
	}
	raw, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return fmt.Errorf("reading the checkout's go.mod: %w", err)
	}
	if path := modfile.ModulePath(raw); path != Module {
		return fmt.Errorf("%s is the module of %s, not %s", path, root, Module)
	}
	if _, err := os.Stat(filepath.Join(root, "cmd", "koans")); err != nil {
		return fmt.Errorf("%s holds no cmd/koans to build", root)
	}
	return nil
}

// fromModuleCache reports whether the CLI was built from a module version
// (`go install …@v0.10.0`), which `go run` can build again: a build from a
// working tree carries its VCS settings, and a version derived from them
// may name a commit no module proxy has.
func fromModuleCache(info *debug.BuildInfo) bool {
	if info.Main.Path != Module || info.Main.Version == "" || info.Main.Version == "(devel)" {
		return false
	}
	for _, s := range info.Settings {
		if strings.HasPrefix(s.Key, "vcs") {
			return false
		}
	}
	return true
}

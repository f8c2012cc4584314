package grade

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"
)

// binaryCache keeps phase test binaries between runs, keyed by everything
// that goes into them (the graded phase's files, the originals' module and
// fixtures, the toolchain). Go caches compiled packages but not linked test
// binaries, and a link costs a second or more: a verify that changed one
// phase links one binary, not every phase's.
type binaryCache struct {
	dir   string
	keep  int    // binaries kept of each phase on each database, the most recently used
	nonce string // this cache's: the wrapper's names, stable so keys are
}

// DefaultCacheDir is where test binaries are kept between runs.
func DefaultCacheDir() string {
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "gorm-koans", "test-binaries")
	}
	return filepath.Join(os.TempDir(), "gorm-koans-test-binaries")
}

func openCache(dir string) (*binaryCache, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("making the binary cache %s: %w", dir, err)
	}
	// Two of each phase on each database (15–25 MB each): a verify after
	// an edit finds the phases it did not change, whichever databases the
	// learner moved between.
	c := &binaryCache{dir: dir, keep: 2}
	nonceFile := filepath.Join(dir, "nonce")
	raw, err := os.ReadFile(nonceFile)
	if err == nil && len(strings.TrimSpace(string(raw))) == 12 {
		c.nonce = strings.TrimSpace(string(raw))
		return c, nil
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	c.nonce = hex.EncodeToString(b)
	// Two first runs at once may each write theirs: the loser's binaries
	// are keyed apart, which costs a link, not a wrong verdict.
	if err := os.WriteFile(nonceFile, []byte(c.nonce), 0o644); err != nil {
		return nil, fmt.Errorf("writing %s: %w", nonceFile, err)
	}
	return c, nil
}

// path is where the binary of a key lives.
func (c *binaryCache) path(key string) string { return filepath.Join(c.dir, key+binSuffix) }

// exe ends every binary the grader runs: Windows runs only .exe files.
var exe = func() string {
	if runtime.GOOS == "windows" {
		return ".exe"
	}
	return ""
}()

// binSuffix ends a phase's test binary.
var binSuffix = ".test" + exe

// lookup returns the binary of a key if it is kept, and marks it used.
func (c *binaryCache) lookup(key string) (string, bool) {
	p := c.path(key)
	if _, err := os.Stat(p); err != nil {
		return "", false
	}
	now := time.Now()
	_ = os.Chtimes(p, now, now)
	return p, true
}

// put moves a freshly linked binary, built in the cache's directory, into
// the cache.
func (c *binaryCache) put(key, built string) (string, error) {
	p := c.path(key)
	if err := os.Rename(built, p); err != nil {
		return "", fmt.Errorf("keeping %s: %w", filepath.Base(p), err)
	}
	return p, nil
}

// trim keeps, of each phase on each database (a key's part before its
// last "-"), the binaries used last, and removes the rest: a fixed number
// over all of them would let one database's runs push out another's.
func (c *binaryCache) trim() {
	entries, err := os.ReadDir(c.dir)
	if err != nil {
		return
	}
	type bin struct {
		path string
		used time.Time
	}
	groups := map[string][]bin{}
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), binSuffix)
		if !ok {
			continue
		}
		group := name
		if i := strings.LastIndex(name, "-"); i > 0 {
			group = name[:i]
		}
		if info, err := e.Info(); err == nil {
			groups[group] = append(groups[group], bin{filepath.Join(c.dir, e.Name()), info.ModTime()})
		}
	}
	for _, bins := range groups {
		slices.SortFunc(bins, func(a, b bin) int { return b.used.Compare(a.used) })
		for _, b := range bins[min(len(bins), c.keep):] {
			_ = os.Remove(b.path)
		}
	}
}

// toolchain is what of the go command changes a binary: its version, the
// target, cgo and its compiler.
func toolchain(ctx context.Context, env []string) (string, error) {
	cmd := exec.CommandContext(ctx, "go", "env", "GOVERSION", "GOOS", "GOARCH", "CGO_ENABLED", "CC", "GOEXPERIMENT")
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return "", fmt.Errorf("asking go about its toolchain: %s", strings.TrimSpace(string(exit.Stderr)))
		}
		return "", fmt.Errorf("asking go about its toolchain: %w", err)
	}
	return string(out), nil
}

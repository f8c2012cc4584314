package grade

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
)

// submittedAt is when a submission was handed in, as the gradebook shows
// it: its last commit's date where it is a git repository, else the time
// its newest koan file was written; "" when neither is known. Git runs
// with nothing of the submission's configuration that could run a
// program (no pager, no signature check, no fsmonitor).
func submittedAt(ctx context.Context, dir string) string {
	if fi, err := os.Lstat(filepath.Join(dir, ".git")); err == nil && (fi.IsDir() || fi.Mode().IsRegular()) {
		ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, "git", "-c", "core.fsmonitor=false", "-c", "log.showSignature=false", "-c", "safe.directory=*",
			"--no-pager", "-C", dir, "log", "-1", "--no-show-signature", "--format=%cI")
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_TERMINAL_PROMPT=0")
		if out, err := cmd.Output(); err == nil {
			if t, err := time.Parse(time.RFC3339, strings.TrimSpace(string(out))); err == nil {
				return t.UTC().Format(time.RFC3339)
			}
		}
	}
	var newest time.Time
	_ = fs.WalkDir(os.DirFS(dir), catalog.KoansDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
			return nil
		}
		if fi, err := d.Info(); err == nil && fi.ModTime().After(newest) {
			newest = fi.ModTime()
		}
		return nil
	})
	if newest.IsZero() {
		return ""
	}
	return newest.UTC().Format(time.RFC3339)
}

package assignment

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE=2026-01-02T03:04:05Z", "GIT_COMMITTER_DATE=2026-01-02T03:04:05Z",
		"GIT_AUTHOR_NAME=k", "GIT_AUTHOR_EMAIL=k@example.com", "GIT_COMMITTER_NAME=k", "GIT_COMMITTER_EMAIL=k@example.com")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "git %v: %s", args, out)
	return strings.TrimSpace(string(out))
}

func TestTheGraderIsPinnedToThisCommit(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/koans\n\ngo 1.26\n"), 0o644))

	cli, warning := Pin(dir)
	assert.Equal(t, "example.com/koans/cmd/koans@latest", cli, "no git, no build version: only @latest")
	assert.Contains(t, warning, "@latest")

	git(t, dir, "init", "-q")
	git(t, dir, "add", "go.mod")
	git(t, dir, "commit", "-qm", "one")
	hash := git(t, dir, "rev-parse", "--short=12", "HEAD")
	cli, warning = Pin(dir)
	assert.Equal(t, "example.com/koans/cmd/koans@v0.0.0-20260102030405-"+hash, cli, "no tag: the commit's pseudo-version")
	assert.Contains(t, warning, "pushed", "it resolves once the commit is pushed")

	git(t, dir, "tag", "v1.2.3")
	cli, warning = Pin(dir)
	assert.Equal(t, "example.com/koans/cmd/koans@v1.2.3", cli, "a tagged commit: its tag")
	assert.Empty(t, warning)

	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/koans\n\ngo 1.26.1\n"), 0o644))
	_, warning = Pin(dir)
	assert.Contains(t, warning, "not committed", "a grader pinned to a commit without the checkout's changes")

	git(t, dir, "commit", "-qam", "two")
	hash = git(t, dir, "rev-parse", "--short=12", "HEAD")
	cli, _ = Pin(dir)
	assert.Equal(t, "example.com/koans/cmd/koans@v1.2.4-0.20260102030405-"+hash, cli, "past a tag: the pseudo-version after it")
}

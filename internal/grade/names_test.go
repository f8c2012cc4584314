package grade

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRowNamesAreUniqueAcrossSections(t *testing.T) {
	root := filepath.FromSlash("/class")
	assert.Equal(t, []string{"secA/bea", "secB/bea", "secB/cy"}, Names([]string{
		filepath.Join(root, "secA", "bea"), filepath.Join(root, "secB", "bea"), filepath.Join(root, "secB", "cy"),
	}), "the path from the common parent")
	assert.Equal(t, []string{"ada", "bea"}, Names([]string{filepath.Join(root, "ada"), filepath.Join(root, "bea")}), "one folder: base names as before")
	assert.Equal(t, []string{"ada"}, Names([]string{filepath.Join(root, "ada")}))
	assert.Equal(t, []string{"ada", "ada (2)"}, Names([]string{filepath.Join(root, "ada"), filepath.Join(root, "ada")}), "the same folder twice")
}

func TestAFolderWithoutKoansIsNotGradedAndTheBatchGoesOn(t *testing.T) {
	t.Parallel()
	root := arena(t)
	orig, cat := load(t, root)
	g := New(orig, cat)
	t.Cleanup(func() { _ = g.Close() })
	base := t.TempDir()
	solved(t, root).write(t, filepath.Join(base, "secA", "bea"))
	require.NoError(t, osMkdir(filepath.Join(base, "secB", "bea")))
	// An untouched repository: the koans as handed out, committed.
	untouched := filepath.Join(base, "secB", "cy")
	require.NoError(t, os.CopyFS(filepath.Join(untouched, "koans"), os.DirFS(filepath.Join(root, "koans"))))
	for _, args := range [][]string{{"init", "-q"}, {"add", "."}, {"commit", "-qm", "as handed out"}} {
		cmd := exec.Command("git", args...)
		cmd.Dir = untouched
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE=2026-01-02T03:04:05+01:00", "GIT_COMMITTER_DATE=2026-01-02T03:04:05+01:00",
			"GIT_AUTHOR_NAME=k", "GIT_AUTHOR_EMAIL=k@example.com", "GIT_COMMITTER_NAME=k", "GIT_COMMITTER_EMAIL=k@example.com")
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%s", out)
	}
	subs := g.Many(context.Background(), []string{filepath.Join(base, "secA", "bea"), filepath.Join(base, "secB", "bea"), untouched}, 2, nil)
	require.Len(t, subs, 3)
	assert.Equal(t, []string{"01_arena"}, subs[0].Attempted, "solved: its phase was attempted")
	assert.NotEmpty(t, subs[0].Time, "its newest koan file's time")
	require.NoError(t, subs[2].Err)
	assert.Empty(t, subs[2].Attempted, "untouched: not started")
	assert.Equal(t, "2026-01-02T02:04:05Z", subs[2].Time, "a git repository: its last commit's date, in UTC")
	assert.Equal(t, "secA/bea", subs[0].Name)
	assert.Equal(t, "secB/bea", subs[1].Name)
	require.NoError(t, subs[0].Err)
	assert.Equal(t, subs[0].Sheet.Max, subs[0].Sheet.Score)
	require.Error(t, subs[1].Err)
	assert.Contains(t, subs[1].Err.Error(), "no koans/")
	book := NewGradebook(cat, subs)
	assert.Equal(t, "secB/bea", book.Submissions[1].Name)
	assert.Contains(t, book.Submissions[1].Error, "no koans/")
}

func osMkdir(dir string) error { return os.MkdirAll(dir, 0o755) }

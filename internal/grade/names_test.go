package grade

import (
	"context"
	"os"
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
	root := arena(t)
	orig, cat := load(t, root)
	g := New(orig, cat)
	t.Cleanup(func() { _ = g.Close() })
	base := t.TempDir()
	solved(t, root).write(t, filepath.Join(base, "secA", "bea"))
	require.NoError(t, osMkdir(filepath.Join(base, "secB", "bea")))
	subs := g.Many(context.Background(), []string{filepath.Join(base, "secA", "bea"), filepath.Join(base, "secB", "bea")}, 2, nil)
	require.Len(t, subs, 2)
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

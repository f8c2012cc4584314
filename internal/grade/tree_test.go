package grade

import (
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/internal/originals"
	"github.com/gorm-koans/gorm-koans/internal/tamper"
	"github.com/gorm-koans/gorm-koans/internal/testcheckout"
)

// repo is this repository's originals and catalog.
func repo(t *testing.T) (originals.Tree, *fstest.MapFS) {
	t.Helper()
	root, err := testcheckout.Root()
	require.NoError(t, err)
	orig, err := originals.Load(os.DirFS(root))
	require.NoError(t, err)
	sol := fstest.MapFS{}
	require.NoError(t, fs.WalkDir(os.DirFS(root), "solutions", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
			return err
		}
		raw, err := os.ReadFile(filepath.Join(root, p))
		if err != nil {
			return err
		}
		sol["koans"+strings.TrimPrefix(p, "solutions")] = &fstest.MapFile{Data: raw}
		return nil
	}))
	return orig, &sol
}

func TestEverySolutionIsHonest(t *testing.T) {
	t.Parallel()
	orig, sol := repo(t)
	cat, err := orig.Catalog()
	require.NoError(t, err)
	// With the types of what the koans import, as grading checks them.
	root, err := testcheckout.Root()
	require.NoError(t, err)
	exports, err := tamper.ListExports(t.Context(), root, os.Environ(), "", koanImports(orig)...)
	require.NoError(t, err)
	for _, tree := range []Tree{Lay(orig, cat, *sol), LayTyped(orig, cat, *sol, exports)} {
		for _, id := range sortedKeys(tree.Tampered) {
			t.Errorf("%s: %s", id, strings.Join(tree.Tampered[id], "; "))
		}
		assert.Empty(t, tree.Missing)
		assert.Empty(t, tree.Extra)
	}
}

func sortedKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range maps.Keys(m) {
		keys = append(keys, k)
	}
	return keys
}

// A koan set aside for the other database is not graded, yet it is the
// learner's: filling it in is no edit outside the koans, and costs the
// graded koans of its file nothing. Tampering with it is still tampering.
func TestAKoanSetAsideKeepsTheTamperRules(t *testing.T) {
	root := arena(t)
	sol := filepath.Join(root, "solutions", "01_arena", "other_test.go")
	raw, err := os.ReadFile(sol)
	require.NoError(t, err)
	about := strings.Replace(string(raw), "// Hint: count them.\n", "// Hint: count them.\n//\n// Database: postgres\n", 1)
	require.NotEqual(t, string(raw), about)
	require.NoError(t, os.WriteFile(sol, []byte(about), 0o644))
	koans, err := originals.Koans(os.DirFS(root), "")
	require.NoError(t, err)
	for p, src := range koans {
		require.NoError(t, os.WriteFile(filepath.Join(root, p), src, 0o644))
	}
	orig, cat := load(t, root)
	cat.On("sqlite")

	lay := func(f files) Tree {
		dir := filepath.Join(t.TempDir(), "sub")
		f.write(t, dir)
		return Lay(orig, cat, os.DirFS(dir))
	}
	assert.Empty(t, lay(solved(t, root)).Tampered, "TestOther filled in, as a learner on PostgreSQL would")

	f := solved(t, root)
	f.edit(t, otherFile, "assert.Equal(t /*__*/, true, n > 0)", "assert.Equal(t, n > 0, n > 0)")
	assert.Equal(t, []string{"01_arena/TestOther"}, slices.Sorted(maps.Keys(lay(f).Tampered)))
}

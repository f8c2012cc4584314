package grade

import (
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/internal/originals"
)

// repo is this repository's originals and catalog.
func repo(t *testing.T) (originals.Tree, *fstest.MapFS) {
	t.Helper()
	root := filepath.Join("..", "..")
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
	orig, sol := repo(t)
	cat, err := orig.Catalog()
	require.NoError(t, err)
	tree := Lay(orig, cat, *sol)
	for _, id := range sortedKeys(tree.Tampered) {
		t.Errorf("%s: %s", id, strings.Join(tree.Tampered[id], "; "))
	}
	assert.Empty(t, tree.Missing)
	assert.Empty(t, tree.Extra)
}

func sortedKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range maps.Keys(m) {
		keys = append(keys, k)
	}
	return keys
}

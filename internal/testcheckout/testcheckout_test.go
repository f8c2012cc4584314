package testcheckout

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Each test's copy is whole and its own: the module, the solutions, the
// READMEs beside the koans, and the koans generated; and the checkout is
// made once however many copies are asked for.
func TestCopiesAreWholeAndTheirOwn(t *testing.T) {
	made := 0
	c := New(func(root string) error {
		made++
		if err := Module(root); err != nil {
			return err
		}
		return Phases(root, "testdata")
	})
	one, two := c.Copy(t), c.Copy(t)
	assert.Equal(t, 1, made)
	assert.NotEqual(t, one, two)
	for _, rel := range []string{"go.mod", "go.sum", "fixtures/db.go", "solutions/01_x/x_test.go", "koans/01_x/README.md", "koans/01_x/x_test.go"} {
		assert.FileExists(t, filepath.Join(one, filepath.FromSlash(rel)))
	}
	assert.NoFileExists(t, filepath.Join(one, "solutions", "01_x", "README.md"), "a README is the koans'")
	assert.NoFileExists(t, filepath.Join(one, "fixtures", "fixtures_test.go"), "no koan builds the fixtures' tests")
	koan, err := os.ReadFile(filepath.Join(one, "koans", "01_x", "x_test.go"))
	require.NoError(t, err)
	assert.Contains(t, string(koan), "assert.Equal(t, __, len(\"a\"))", "the koan as shipped, its blank open")

	require.NoError(t, os.WriteFile(filepath.Join(one, "koans", "01_x", "x_test.go"), []byte("changed"), 0o644))
	other, err := os.ReadFile(filepath.Join(two, "koans", "01_x", "x_test.go"))
	require.NoError(t, err)
	assert.Equal(t, string(koan), string(other), "a change to one copy is not another's")
}

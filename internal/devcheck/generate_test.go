package devcheck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A solved koan with a blank on its fourth line.
const solved = `package y

import "testing"

func TestAnswer(t *testing.T) {
	answer := /*__*/ 42
	if answer != 42 {
		t.Fatal(answer)
	}
}
`

func writeFile(t *testing.T, root, rel, src string) {
	t.Helper()
	path := filepath.Join(root, filepath.FromSlash(rel))
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(src), 0o644))
}

func TestGenerateThenNoDrift(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "solutions/01_y/a_test.go", solved)
	writeFile(t, root, "koans/01_y/stray_test.go", "package y\n")

	changed, err := Generate(root, "")
	require.NoError(t, err)
	assert.Equal(t, []string{"koans/01_y/a_test.go", "koans/01_y/stray_test.go"}, changed)
	koan, err := os.ReadFile(filepath.Join(root, "koans", "01_y", "a_test.go"))
	require.NoError(t, err)
	assert.Contains(t, string(koan), "answer := __\n", "stripped of its answer")
	assert.NoFileExists(t, filepath.Join(root, "koans", "01_y", "stray_test.go"), "no solution makes it")

	drifts, err := FindDrift(root, "")
	require.NoError(t, err)
	assert.Empty(t, drifts)
	changed, err = Generate(root, "01_y")
	require.NoError(t, err)
	assert.Empty(t, changed, "nothing to write twice")
}

func TestFindDriftNamesEachFileAndWhy(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "solutions/01_y/a_test.go", solved)
	writeFile(t, root, "solutions/01_y/b_test.go", strings.ReplaceAll(solved, "TestAnswer", "TestOther"))
	_, err := Generate(root, "")
	require.NoError(t, err)

	edited := strings.Replace(solved, "/*__*/ 42", "__", 1)
	edited = strings.Replace(edited, "answer != 42", "answer != 41", 1)
	writeFile(t, root, "koans/01_y/a_test.go", edited)
	require.NoError(t, os.Remove(filepath.Join(root, "koans", "01_y", "b_test.go")))
	writeFile(t, root, "koans/01_y/c_test.go", "package y\n")

	drifts, err := FindDrift(root, "01_y")
	require.NoError(t, err)
	assert.Equal(t, []Drift{
		{File: "koans/01_y/a_test.go", Reason: "differs from its solution stripped of answers (first at line 7)"},
		{File: "koans/01_y/b_test.go", Reason: "missing: its solution exists"},
		{File: "koans/01_y/c_test.go", Reason: "no file in solutions/ makes it"},
	}, drifts)
}

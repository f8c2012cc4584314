package cohort

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const shipped = "package x\n\nfunc TestA(t *testing.T) {\n\t// ✎ do it\n\t// ✎ end\n\tassert.True(t, false)\n}\n"

// assignment writes a two-phase assignment and its solutions.
func assignment(t *testing.T) (string, string) {
	t.Helper()
	root := t.TempDir()
	for _, p := range []string{"01_x", "02_y"} {
		for _, f := range []string{"a_test.go", "b_test.go", "helpers_test.go"} {
			write(t, filepath.Join(root, "koans", p, f), shipped)
			write(t, filepath.Join(root, "solutions", p, f), "package x // solved\n")
		}
	}
	return root, filepath.Join(root, "solutions")
}

func write(t *testing.T, path, text string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
}

func read(t *testing.T, dir, path string) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, "koans", filepath.FromSlash(path)))
	require.NoError(t, err)
	return string(raw)
}

func TestBuildWritesWhatEachStudentIs(t *testing.T) {
	from, solutions := assignment(t)
	class := t.TempDir()
	dirs, err := Build(from, solutions, class, []Student{
		{Name: "one", Solved: 1},
		{Name: "half", Edits: []Edit{HalfSolved(solutions, 2)}},
		{Name: "broken", Edits: []Edit{SyntaxError(1), TypeError(2)}},
		{Name: "odd", Edits: []Edit{Loops(1), Deleted(2), Panics(2), Tampered(1), Extra(), CRLF()}},
		{Name: "copy", CopyOf: "one"},
		{Name: "secA/git", Edits: []Edit{Git("2026-11-30T17:45:00Z")}},
		{Name: "empty", Empty: true},
	})
	require.NoError(t, err)
	require.Len(t, dirs, 7)
	assert.Equal(t, filepath.Join(class, "secA", "git"), dirs[5])

	assert.Equal(t, "package x // solved\n", read(t, dirs[0], "01_x/a_test.go"))
	assert.Equal(t, shipped, read(t, dirs[0], "02_y/a_test.go"))
	assert.Equal(t, "package x // solved\n", read(t, dirs[1], "02_y/a_test.go"), "every other file, from the first")
	assert.Equal(t, shipped, read(t, dirs[1], "02_y/b_test.go"))
	assert.Equal(t, shipped, read(t, dirs[1], "02_y/helpers_test.go"), "helpers are not koans")
	assert.Contains(t, read(t, dirs[2], "01_x/a_test.go"), "func unfinished( {")
	assert.Contains(t, read(t, dirs[2], "02_y/a_test.go"), "var _ int = \"not a number\"\n\t// ✎ end")

	odd := read(t, dirs[3], "01_x/a_test.go")
	assert.Equal(t, strings.Count(odd, "\n"), strings.Count(odd, "\r\n"), "CRLF throughout")
	assert.Contains(t, odd, "for t.Name() != \"\" {\r\n\t}\r\n\t// ✎ end")
	assert.Contains(t, odd, "\t// assert.True")
	assert.NoFileExists(t, filepath.Join(dirs[3], "koans", "02_y", "a_test.go"))
	assert.Contains(t, read(t, dirs[3], "02_y/b_test.go"), "panic(")
	assert.FileExists(t, filepath.Join(dirs[3], "koans", "NOTES.md"))
	assert.Equal(t, "package x\r\n", read(t, dirs[3], "01_x/mine_test.go"))

	assert.Equal(t, read(t, dirs[0], "01_x/a_test.go"), read(t, dirs[4], "01_x/a_test.go"))
	out, err := exec.Command("git", "-C", dirs[5], "log", "-1", "--format=%cI").Output()
	require.NoError(t, err)
	assert.Equal(t, "2026-11-30T17:45:00+00:00", strings.TrimSpace(string(out)))
	entries, err := os.ReadDir(dirs[6])
	require.NoError(t, err)
	assert.Empty(t, entries)

	_, err = Build(from, solutions, t.TempDir(), []Student{{Name: "late", CopyOf: "nobody"}})
	assert.ErrorContains(t, err, "nobody is not an earlier student")
	_, err = Build(from, solutions, t.TempDir(), []Student{{Name: "far", Edits: []Edit{Tampered(3)}}})
	assert.ErrorContains(t, err, "no phase 3")
}

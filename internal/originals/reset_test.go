package originals_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/originals"
	"github.com/gorm-koans/gorm-koans/internal/testcheckout"
)

// A phase of two koans in one file, written solved: a blank, and a ✎ block
// with a dodge.
const solution = `package x

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestOne: one is one.
//
// Hint: count.
func TestOne(t *testing.T) {
	assert.Equal(t /*__*/, 1, len("a")) // how many?
}

// TestTwo: two is two.
//
// Hint: count twice.
func TestTwo(t *testing.T) {
	n := 0
	// ✎ make it two
	//koan: n = 0
	//dodge hard-coded: n = 3
	n = 2
	// ✎ end
	assert.Equal(t, 2, n)
}
`

const koanFile = "koans/01_x/a_test.go"

// phase is the solution and the koans it ships as.
var phase = testcheckout.New(func(root string) error {
	dir := filepath.Join(root, "solutions", "01_x")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "a_test.go"), []byte(solution), 0o644); err != nil {
		return err
	}
	return testcheckout.Generate(root)
})

// checkout is a copy of phase of the test's own, and its koans.
func checkout(t *testing.T) (string, *catalog.Catalog) {
	t.Helper()
	root := phase.Copy(t)
	cat, err := catalog.Load(root)
	require.NoError(t, err)
	return root, cat
}

func write(t *testing.T, root, rel, src string) {
	t.Helper()
	path := filepath.Join(root, filepath.FromSlash(rel))
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(src), 0o644))
}

func read(t *testing.T, root, rel string) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	require.NoError(t, err)
	return string(src)
}

func koan(t *testing.T, cat *catalog.Catalog, id string) *catalog.Koan {
	t.Helper()
	for _, k := range cat.Koans() {
		if k.ID == id {
			return k
		}
	}
	t.Fatalf("no koan %s", id)
	return nil
}

func TestResetKoanLeavesTheOtherKoansAlone(t *testing.T) {
	root, cat := checkout(t)
	shipped := read(t, root, koanFile)
	learner := strings.Replace(shipped, "assert.Equal(t, __,", "assert.Equal(t, 1,", 1)
	learner = strings.Replace(learner, "\tn = 0\n\t// ✎ end", "\tn = 1 + 1\n\t// ✎ end", 1)
	learner += "\nwhat I typed below the last koan\n"
	write(t, root, koanFile, learner)

	changed, err := originals.ResetKoan(root, koan(t, cat, "01_x/TestTwo"))
	require.NoError(t, err)
	assert.True(t, changed)
	got := read(t, root, koanFile)
	assert.Contains(t, got, "assert.Equal(t, 1,", "the learner's answer to TestOne stays")
	assert.NotContains(t, got, "n = 1 + 1", "TestTwo is back as shipped")
	assert.NotContains(t, got, "what I typed", "text below the koan goes with it")
	assert.Equal(t, strings.Replace(shipped, "assert.Equal(t, __,", "assert.Equal(t, 1,", 1), got)

	changed, err = originals.ResetKoan(root, koan(t, cat, "01_x/TestTwo"))
	require.NoError(t, err)
	assert.False(t, changed, "nothing left to reset")
}

func TestResetKoanBringsBackADeletedFile(t *testing.T) {
	root, cat := checkout(t)
	shipped := read(t, root, koanFile)
	require.NoError(t, os.Remove(filepath.Join(root, koanFile)))
	changed, err := originals.ResetKoan(root, koan(t, cat, "01_x/TestOne"))
	require.NoError(t, err)
	assert.True(t, changed)
	assert.Equal(t, shipped, read(t, root, koanFile), "the whole file, with its other koans")
}

func TestResetKoanOfAFileThatNoLongerParses(t *testing.T) {
	root, cat := checkout(t)
	write(t, root, koanFile, "package x\n\nfunc TestOn(")
	_, err := originals.ResetKoan(root, koan(t, cat, "01_x/TestOne"))
	assert.ErrorContains(t, err, "reset the whole phase instead")
}

func TestResetPhaseRewritesOnlyWhatChanged(t *testing.T) {
	root, cat := checkout(t)
	shipped := read(t, root, koanFile)
	write(t, root, koanFile, strings.Replace(shipped, "__", "1", 1))
	write(t, root, "koans/01_x/mine_test.go", "package x\n")

	changed, err := originals.ResetPhase(root, cat.Phases[0])
	require.NoError(t, err)
	assert.Equal(t, []string{koanFile}, changed)
	assert.Equal(t, shipped, read(t, root, koanFile))
	assert.Equal(t, "package x\n", read(t, root, "koans/01_x/mine_test.go"), "the learner's own file stays")

	changed, err = originals.ResetPhase(root, cat.Phases[0])
	require.NoError(t, err)
	assert.Empty(t, changed)
}

func TestSolutionShowsNoAuthoringMarks(t *testing.T) {
	root, cat := checkout(t)
	one, err := originals.Solution(root, koan(t, cat, "01_x/TestOne"))
	require.NoError(t, err)
	assert.Contains(t, one, "// TestOne: one is one.", "doc comment included")
	assert.Contains(t, one, "\tassert.Equal(t, 1, len(\"a\")) // how many?")

	two, err := originals.Solution(root, koan(t, cat, "01_x/TestTwo"))
	require.NoError(t, err)
	assert.Contains(t, two, "\tn = 2\n")
	for _, mark := range []string{"/*__*/", "//koan:", "//dodge", "n = 3"} {
		assert.NotContains(t, two+one, mark)
	}
}

func TestFuncFindsOnlyTopLevelFunctions(t *testing.T) {
	src := []byte("package x\n\ntype T struct{}\n\nfunc (T) TestOne() {}\n\n// TestOne doc.\nfunc TestOne() {}\n")
	s, e, ok := originals.Func("x.go", src, "TestOne")
	require.True(t, ok)
	assert.Equal(t, "// TestOne doc.\nfunc TestOne() {}", string(src[s:e]))
	_, _, ok = originals.Func("x.go", src, "TestTwo")
	assert.False(t, ok)
}

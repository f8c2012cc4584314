package devcheck

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/runner"
)

// A shipped koan must fail as an assertion at its blank, or at or below its
// ✎ block, in its own file.
func TestShippedProblem(t *testing.T) {
	blank := &catalog.Koan{ID: "01_y/TestA", File: "koans/01_y/a_test.go", Blanks: []catalog.Blank{{Line: 6}}}
	block := &catalog.Koan{ID: "01_y/TestB", File: "koans/01_y/a_test.go", Regions: []catalog.Region{{Start: 10, End: 12}}}
	for _, c := range []struct {
		name string
		r    runner.Result
		want string
	}{
		{"at its blank", runner.Result{Koan: blank, Status: runner.Fail, File: blank.File, Line: 6}, ""},
		{"below its block", runner.Result{Koan: block, Status: runner.Fail, File: block.File, Line: 14}, ""},
		{"passes", runner.Result{Koan: blank, Status: runner.Pass}, "passes as shipped: a learner has nothing to do"},
		{"compile error", runner.Result{Koan: blank, Status: runner.CompileError, File: blank.File, Line: 3, Message: "undefined: x\nmore"},
			"fails as shipped with compile_error, not an assertion (koans/01_y/a_test.go:3: undefined: x)"},
		{"elsewhere", runner.Result{Koan: blank, Status: runner.Fail, File: "fixtures/db.go", Line: 9, Message: "boom"},
			"first fails at fixtures/db.go:9, outside its own file: boom"},
		{"not at its blank", runner.Result{Koan: blank, Status: runner.Fail, File: blank.File, Line: 7, Message: "no"},
			"first fails at line 7, which holds no blank: no"},
		{"above its block", runner.Result{Koan: block, Status: runner.Fail, File: block.File, Line: 8, Message: "no"},
			"first fails at line 8, before its ✎ block: no"},
	} {
		assert.Equal(t, c.want, shippedProblem(c.r), c.name)
	}
}

// lint names what a koan lacks: here a hint, a Docs: line and its phase's
// README.
func TestLintNamesWhatAKoanLacks(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "solutions/01_y/a_test.go", "package y\n\n"+
		"import \"testing\"\n\n"+
		"// TestAnswer: the answer.\n"+
		"func TestAnswer(t *testing.T) {\n\tanswer := /*__*/ 42\n\t_ = answer\n}\n")
	_, err := Generate(root, "")
	require.NoError(t, err)
	cat, err := catalog.Load(root)
	require.NoError(t, err)
	k := cat.Koans()[0]
	var got []string
	for _, p := range lint(root, k) {
		got = append(got, p.What)
	}
	assert.Equal(t, []string{
		"no Hint: paragraph in its doc comment",
		"no Docs: line in its doc comment: link its page of GORM's docs (https://gorm.io/docs/…)",
		"its phase has no README.md",
	}, got)

	require.NoError(t, os.WriteFile(filepath.Join(root, "koans", "01_y", "README.md"), []byte("# 01 · Answers 🟢\n"), 0o644))
	cat, err = catalog.Load(root)
	require.NoError(t, err)
	assert.Len(t, lint(root, cat.Koans()[0]), 2, "the README is there now")
}

package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/runner"
	"github.com/gorm-koans/gorm-koans/internal/score"
)

func sheet() score.Sheet {
	p := &catalog.Phase{Dir: "01_x", Number: 1, Title: "X", Points: 1}
	a := &catalog.Koan{ID: "01_x/TestA", Name: "TestA", Phase: p, Title: "A.", File: "koans/01_x/a_test.go", Line: 3, Points: 1}
	b := &catalog.Koan{ID: "01_x/TestB", Name: "TestB", Phase: p, Title: "B.", File: "koans/01_x/a_test.go", Line: 9, Points: 2}
	p.Koans = []*catalog.Koan{a, b}
	cat := &catalog.Catalog{Phases: []*catalog.Phase{p}}
	return score.Compute(cat, map[string]runner.Result{
		a.ID: {Koan: a, Status: runner.Pass, File: a.File, Line: a.Line},
		b.ID: {Koan: b, Status: runner.Fail, File: b.File, Line: 12, Message: "100% wrong, a:b\nsecond line", SQL: []string{"SELECT 1"}},
	}, nil)
}

func TestGitHubEscapesWorkflowCommands(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, GitHub(&out, sheet()))
	assert.Equal(t, "::error file=koans/01_x/a_test.go,line=12,title=01_x/TestB (fail)::100%25 wrong, a:b%0Asecond line\n"+
		"koans: 1/3 points, 1 of 2 koans pass\n", out.String())
}

func TestMarkdownSummary(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, Markdown(&out, sheet()))
	assert.Contains(t, out.String(), "## gorm-koans: 1/3 points")
	assert.Contains(t, out.String(), "| X | 1/2 | 1/3 |")
	assert.Contains(t, out.String(), "| `01_x/TestB` | fail | koans/01_x/a_test.go:12 | 100% wrong, a:b |")
}

func TestClassroomAndJSONScores(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, Classroom(&out, sheet()))
	assert.Contains(t, out.String(), `"max_score": 3`)
	assert.Contains(t, out.String(), `"status": "fail"`)
	assert.Contains(t, out.String(), `"line_no": 12`)

	rep := NewJSON(sheet())
	assert.Equal(t, 1, rep.Score)
	assert.Equal(t, 3, rep.MaxScore)
	assert.Equal(t, []JSONPhase{{Phase: "01_x", Title: "X", Score: 1, MaxScore: 3, Passed: 1, Total: 2}}, rep.Phases)
	assert.Equal(t, 2, rep.Koans[1].Points)
	assert.Equal(t, []string{}, rep.Koans[0].SQL, "never null")
}

func TestPlainStyleHasNoEscapes(t *testing.T) {
	var out bytes.Buffer
	Verify(&out, NewStyle(false), sheet())
	assert.NotContains(t, out.String(), "\x1b[")
	assert.True(t, strings.HasSuffix(out.String(), "score 1/3\n1 passed, 1 failed\n"), out.String())
}

func TestLeftOutStatementsAreNotNumbered(t *testing.T) {
	k := &catalog.Koan{ID: "01_x/TestA", Name: "TestA", Phase: &catalog.Phase{Dir: "01_x"}, Title: "A.", File: "koans/01_x/a_test.go", Line: 3}
	var out bytes.Buffer
	Koan(&out, NewStyle(false), runner.Result{Koan: k, Status: runner.Fail, File: k.File, Line: 5, Message: "m",
		SQL: []string{"SELECT 1", "SELECT 2", "… 9 more statements (go test -v shows them all)"}})
	assert.Contains(t, out.String(), "    2  SELECT 2\n       … 9 more statements")
}

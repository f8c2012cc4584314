package report

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

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

func TestJSONScores(t *testing.T) {
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

func TestStylesFormatLikeSprint(t *testing.T) {
	args := []any{3, 4, "/", 5, fmt.Errorf("e")}
	assert.Equal(t, fmt.Sprint(args...), NewStyle(false).Bold(args...), "plain")
	assert.Equal(t, fmt.Sprint(args...), stripANSI(NewStyle(true).Bold(args...)), "coloured")
}

func TestLeftOutStatementsAreNotNumbered(t *testing.T) {
	k := &catalog.Koan{ID: "01_x/TestA", Name: "TestA", Phase: &catalog.Phase{Dir: "01_x"}, Title: "A.", File: "koans/01_x/a_test.go", Line: 3}
	var out bytes.Buffer
	KoanView(&out, NewStyle(false), runner.Result{Koan: k, Status: runner.Fail, File: k.File, Line: 5, Message: "m",
		SQL: []string{"SELECT 1", "SELECT 2", "… 9 more statements (go test -v shows them all)"}}, View{})
	assert.Contains(t, out.String(), "    2  SELECT 2\n       … 9 more statements")
}

func TestGitHubAnnotatesTheFirstTenThenCountsTheRest(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, GitHub(&out, manyFailing(99)))
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	require.Len(t, lines, MaxAnnotations+2, out.String())
	for i, l := range lines[:MaxAnnotations] {
		assert.True(t, strings.HasPrefix(l, fmt.Sprintf("::error file=koans/01_real_world/reports_test.go,line=%d,", 100+i)), "in path order: %s", l)
	}
	assert.Equal(t, "::notice title=89 more koans fail::89 more koans fail after these 10; the job's summary table lists all 99.", lines[MaxAnnotations])
	assert.Equal(t, "koans: 0/99 points, 0 of 99 koans pass", lines[MaxAnnotations+1])

	var md bytes.Buffer
	require.NoError(t, Markdown(&md, manyFailing(99)))
	assert.Equal(t, 99, strings.Count(md.String(), "| `0"), "the summary table has them all")
}

func TestJUnitTamperedAndCompileErrors(t *testing.T) {
	p := &catalog.Phase{Dir: "01_x", Number: 1, Title: "X", Points: 1}
	a := &catalog.Koan{ID: "01_x/TestA", Name: "TestA", Phase: p, Title: "A.", File: "koans/01_x/a_test.go", Line: 3, Points: 1}
	b := &catalog.Koan{ID: "01_x/TestB", Name: "TestB", Phase: p, Title: "B.", File: "koans/01_x/a_test.go", Line: 9, Points: 1}
	c := &catalog.Koan{ID: "01_x/TestC", Name: "TestC", Phase: p, Title: "C.", File: "koans/01_x/c_test.go", Line: 5, Points: 1}
	p.Koans = []*catalog.Koan{a, b, c}
	broken := runner.Result{Status: runner.CompileError, File: "koans/01_x/c_test.go", Line: 7, Message: "does not compile: undefined: x"}
	ra, rb := broken, broken
	ra.Koan, rb.Koan = a, b
	sh := score.Compute(&catalog.Catalog{Phases: []*catalog.Phase{p}}, map[string]runner.Result{
		a.ID: ra, b.ID: rb,
		c.ID: {Koan: c, Status: runner.Pass, File: c.File, Line: c.Line},
	}, map[string][]string{c.ID: {"koans/01_x/c_test.go:6: a blank holds a value", "koans/01_x/c_test.go:8: no go statement"}})

	var out bytes.Buffer
	require.NoError(t, JUnit(&out, sh))
	x := out.String()
	assert.Contains(t, x, `<testcase name="TestA" classname="koans.01_x" file="koans/01_x/a_test.go" line="3" time="0.000">`)
	assert.Contains(t, x, `<testcase name="TestB" classname="koans.01_x" file="koans/01_x/a_test.go" line="9" time="0.000">`)
	assert.Contains(t, x, `<error message="koans/01_x/c_test.go:7: does not compile: undefined: x" type="compile_error">`)
	assert.Contains(t, x, `type="tampered">tampered: koans/01_x/c_test.go:6: a blank holds a value&#xA;tampered: koans/01_x/c_test.go:8: no go statement&#xA;</failure>`,
		"the body gives each reason once")
}

func TestJUnitEveryTestcaseHasItsRunTime(t *testing.T) {
	sh := sheet()
	sh.Koans[0].Elapsed = 1234 * time.Millisecond // as go test -json timed it; the other did not run
	var out bytes.Buffer
	require.NoError(t, JUnit(&out, sh))
	x := out.String()
	assert.Equal(t, 2, strings.Count(x, "<testcase "), x)
	assert.Equal(t, []string{"1.234", "0.000"}, attrs(`<testcase [^>]* time="([^"]*)"`, x), "the Ant schema requires time on every testcase")
	assert.Equal(t, []string{"1.234"}, attrs(`<testsuite [^>]* time="([^"]*)"`, x), "a suite's time is its koans'")
}

func attrs(re, x string) []string {
	var out []string
	for _, m := range regexp.MustCompile(re).FindAllStringSubmatch(x, -1) {
		out = append(out, m[1])
	}
	return out
}

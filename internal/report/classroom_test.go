package report

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/runner"
	"github.com/gorm-koans/gorm-koans/internal/score"
)

type classroomPayload struct {
	Version  int    `json:"version"`
	Status   string `json:"status"`
	MaxScore int    `json:"max_score"`
	Tests    []struct {
		Name     string `json:"name"`
		Status   string `json:"status"`
		Score    int    `json:"score"`
		LineNo   int    `json:"line_no"`
		TestCode string `json:"test_code"`
	} `json:"tests"`
}

// A testify dump as long as the longest message of the shipped koans
// (4,078 characters), with what JSON must escape: quotes, newlines, tabs.
func longMessage(i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Error Trace:\tkoans/09_real_world/0%d_reports_test.go:%d\n\tError:      \tNot equal:\n", i%9, 40+i)
	for b.Len() < 4078 {
		b.WriteString("\t            \texpected: \"SELECT `authors`.`name`, COUNT(*) AS \\\"n\\\" — ✓\"\n")
	}
	return b.String()
}

// manyFailing is a catalog of n koans with long names, every one failing.
func manyFailing(n int) score.Sheet {
	cat := &catalog.Catalog{}
	results := map[string]runner.Result{}
	for i := range n {
		if i%30 == 0 {
			cat.Phases = append(cat.Phases, &catalog.Phase{Dir: fmt.Sprintf("%02d_real_world", len(cat.Phases)+1), Title: "Real world"})
		}
		p := cat.Phases[len(cat.Phases)-1]
		// As long as the longest koan name shipped (46 characters).
		name := fmt.Sprintf("TestReportsGroupAuthorsByBooksWrittenAndHav%03d", i)
		k := &catalog.Koan{ID: p.Dir + "/" + name, Name: name, Phase: p, Title: "T.", File: "koans/" + p.Dir + "/reports_test.go", Line: 100 + i, Points: 1}
		p.Koans = append(p.Koans, k)
		status := runner.Fail
		if i%3 == 0 {
			status = runner.CompileError
		}
		results[k.ID] = runner.Result{Koan: k, Status: status, File: k.File, Line: k.Line, Message: longMessage(i)}
	}
	return score.Compute(cat, results, nil)
}

func TestClassroomPayloadFitsForThreeHundredFailingKoans(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, Classroom(&out, manyFailing(300)))
	encoded := base64.StdEncoding.EncodeToString(out.Bytes())
	assert.Less(t, len(encoded), 64<<10, "base64 payload of %d bytes", len(encoded))
	assert.NotContains(t, out.String(), "\n  ", "compact JSON")

	var res classroomPayload
	require.NoError(t, json.Unmarshal(out.Bytes(), &res))
	require.Len(t, res.Tests, 300)
	assert.Equal(t, "fail", res.Status)
	shown := 0
	for i, tc := range res.Tests {
		assert.Equal(t, "fail", tc.Status, "a compile error is a failing test too: the reporter prints its name")
		if tc.TestCode == "" {
			continue
		}
		assert.Equal(t, i, shown, "messages shown are the first failing koans'")
		shown++
		assert.True(t, strings.HasSuffix(tc.TestCode, cutMark), "a cut message says so: %q", tc.TestCode)
		assert.Greater(t, len([]rune(tc.TestCode)), len([]rune(cutMark))+16, "some of the message is left: %q", tc.TestCode)
	}
	assert.Greater(t, shown, 200, "most failing koans keep a message")
	assert.True(t, strings.HasPrefix(res.Tests[0].TestCode, "compile_error: Error Trace:"), res.Tests[0].TestCode)
}

func TestClassroomKeepsShortMessagesWhole(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, Classroom(&out, sheet()))
	var res classroomPayload
	require.NoError(t, json.Unmarshal(out.Bytes(), &res))
	assert.Equal(t, 3, res.MaxScore)
	assert.Equal(t, "fail", res.Status)
	require.Len(t, res.Tests, 2)
	assert.Equal(t, "", res.Tests[0].TestCode, "a passing koan prints nothing under its name")
	assert.Equal(t, 12, res.Tests[1].LineNo)
	assert.Equal(t, "fail: 100% wrong, a:b\nsecond line", res.Tests[1].TestCode)
	assert.NotContains(t, out.String(), "filename", "the reporter never reads it")
}

func TestCutSaysSo(t *testing.T) {
	assert.Equal(t, "short", cut("short", 48))
	got := cut(strings.Repeat("é", 100), 48)
	assert.Equal(t, 48, len([]rune(got)))
	assert.True(t, strings.HasSuffix(got, cutMark))
}

func TestClassroomSaysTamperedOnceAndPutsACompileErrorOnEachKoan(t *testing.T) {
	p := &catalog.Phase{Dir: "01_x", Number: 1, Title: "X", Points: 1}
	a := &catalog.Koan{ID: "01_x/TestA", Name: "TestA", Phase: p, Title: "A.", File: "koans/01_x/a_test.go", Line: 3, Points: 1}
	b := &catalog.Koan{ID: "01_x/TestB", Name: "TestB", Phase: p, Title: "B.", File: "koans/01_x/b_test.go", Line: 9, Points: 1}
	p.Koans = []*catalog.Koan{a, b}
	sh := score.Compute(&catalog.Catalog{Phases: []*catalog.Phase{p}}, map[string]runner.Result{
		a.ID: {Koan: a, Status: runner.Pass, File: a.File, Line: a.Line},
		b.ID: {Koan: b, Status: runner.CompileError, File: a.File, Line: 26, Message: "does not compile: undefined: x"},
	}, map[string][]string{a.ID: {"koans/01_x/a_test.go:6: a blank holds a value"}})
	var out bytes.Buffer
	require.NoError(t, Classroom(&out, sh))
	var res classroomPayload
	require.NoError(t, json.Unmarshal(out.Bytes(), &res))
	assert.Equal(t, "tampered: koans/01_x/a_test.go:6: a blank holds a value", res.Tests[0].TestCode)
	assert.Equal(t, 9, res.Tests[1].LineNo, "the koan's own line, not the compile error's in another file")
	assert.Equal(t, "compile_error: koans/01_x/a_test.go:26: does not compile: undefined: x", res.Tests[1].TestCode)
}

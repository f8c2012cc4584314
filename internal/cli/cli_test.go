package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures/dbenv"
	"github.com/gorm-koans/gorm-koans/internal/cohort"
	"github.com/gorm-koans/gorm-koans/internal/devcheck"
	"github.com/gorm-koans/gorm-koans/internal/grade"
	"github.com/gorm-koans/gorm-koans/internal/originals"
	"github.com/gorm-koans/gorm-koans/internal/report"
	"github.com/gorm-koans/gorm-koans/internal/testcheckout"
	"github.com/gorm-koans/gorm-koans/internal/trace"
)

// course is a small koans checkout: this module's go.mod, go.sum and
// fixtures, the phases of the testdata directories named, their koans
// generated and the reference SQL `koans dev gen` records.
func course(dirs ...string) *testcheckout.Checkout {
	return testcheckout.New(func(root string) error {
		if err := testcheckout.Module(root); err != nil {
			return err
		}
		for _, dir := range dirs {
			if err := testcheckout.Phases(root, filepath.Join("testdata", dir)); err != nil {
				return err
			}
		}
		_, err := trace.Generate(context.Background(), root, dbenv.SQLite, nil)
		return err
	})
}

// mini is a course of one phase, 01_mini.
var mini = course("solutions")

// checkout is a copy of mini of the test's own.
func checkout(t *testing.T) string {
	t.Helper()
	return mini.Copy(t)
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	require.NoError(t, filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		copyFile(t, path, filepath.Join(to, rel))
		return nil
	}))
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	raw, err := os.ReadFile(from)
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(filepath.Dir(to), 0o755))
	require.NoError(t, os.WriteFile(to, raw, 0o644))
}

type ran struct {
	code     int
	out, err string
}

func run(t *testing.T, dir string, args ...string) ran {
	t.Helper()
	return runWith(t, dir, nil, args...)
}

// runWith runs a command line with env as its whole environment.
func runWith(t *testing.T, dir string, env map[string]string, args ...string) ran {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Run(t.Context(), args, IO{
		In: strings.NewReader(""), Out: &out, Err: &errOut, Dir: dir,
		Getenv: func(k string) string { return env[k] },
	})
	return ran{code, out.String(), errOut.String()}
}

func TestVerifyJSONOnShippedKoans(t *testing.T) {
	t.Parallel()
	root := checkout(t)
	r := run(t, root, "verify", "--format", "json", "--original", root)
	require.Equal(t, ExitFailing, r.code, r.err)
	var rep report.JSONReport
	require.NoError(t, json.Unmarshal([]byte(r.out), &rep), r.out)
	assert.Equal(t, 2, rep.Total)
	assert.Equal(t, 0, rep.Passed)
	assert.Equal(t, 2, rep.Failed)
	for _, k := range rep.Koans {
		assert.Equal(t, "fail", k.Status, k.ID)
		assert.Equal(t, "koans/01_mini/mini_test.go", k.File, k.ID)
		assert.Positive(t, k.Line, k.ID)
		assert.NotEmpty(t, k.Message, k.ID)
		assert.NotEmpty(t, k.SQL, k.ID)
	}
	assert.Equal(t, "fill in the blank: how many SELECTs?", rep.Koans[0].Message, "the answer stays hidden")
	assert.Contains(t, rep.Koans[1].Message, "one query, please")

	// The contract of docs/grading.md: a version, and no field that comes
	// and goes; a second run of the same checkout says the same, byte for byte.
	assert.Equal(t, report.JSONVersion, rep.Version)
	var raw struct {
		Koans []map[string]json.RawMessage `json:"koans"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.out), &raw))
	for _, k := range raw.Koans {
		assert.Equal(t, "[]", string(k["tampered"]))
	}
	for _, field := range []string{`"version": 1`, `"missing": []`, `"extra": []`} {
		assert.Contains(t, r.out, field)
	}
	again := run(t, root, "verify", "--format", "json", "--original", root)
	assert.Equal(t, r.out, again.out)
}

func TestVerifyReportsASyntaxErrorAsCompileError(t *testing.T) {
	t.Parallel()
	root := checkout(t)
	file := filepath.Join(root, "koans", "01_mini", "mini_test.go")
	src, err := os.ReadFile(file)
	require.NoError(t, err)
	broken := strings.Replace(string(src), "var n int64", "var n int64 = (", 1)
	require.NoError(t, os.WriteFile(file, []byte(broken), 0o644))

	r := run(t, root, "verify", "--format", "json", "--original", root)
	require.Equal(t, ExitFailing, r.code, r.err)
	var rep report.JSONReport
	require.NoError(t, json.Unmarshal([]byte(r.out), &rep))
	for _, k := range rep.Koans {
		assert.Equal(t, "compile_error", k.Status, k.ID)
		assert.Equal(t, "koans/01_mini/mini_test.go", k.File)
		assert.Equal(t, 20, k.Line, "where the compiler saw it")
		assert.True(t, strings.HasPrefix(k.Message, "does not compile: "), k.Message)
	}

	// Koans are known from the originals: the file's koans all stay on the
	// path, failing with the compile error, and the count does not shrink.
	r = run(t, root, "list")
	assert.Contains(t, r.out, "TestCount")
	assert.Contains(t, r.out, "TestOneQuery")
	assert.Contains(t, r.out, "0/2")
}

func TestBareKoansWithoutATerminalShowsTheFirstFailure(t *testing.T) {
	t.Parallel()
	root := checkout(t)
	r := run(t, root)
	assert.Equal(t, ExitFailing, r.code, r.err)
	assert.Contains(t, r.out, "Progress")
	assert.Contains(t, r.out, "A finisher sends one SELECT.")
	assert.Contains(t, r.out, "koans/01_mini/mini_test.go:21  fill in the blank: how many SELECTs?")
	assert.Contains(t, r.out, "SQL this koan sent:")
	assert.Contains(t, r.out, "SELECT count(*) FROM `books`")
	assert.NotContains(t, r.out, "\x1b[", "no colour without a terminal")
}

func TestRunAndHint(t *testing.T) {
	t.Parallel()
	root := checkout(t)
	r := run(t, root, "run", "01_mini/TestOneQuery")
	assert.Equal(t, ExitFailing, r.code, r.err)
	assert.Contains(t, r.out, "one query, please")
	assert.Contains(t, r.out, "change the ✎ block at koans/01_mini/mini_test.go:32")

	r = run(t, root, "hint", "TestOneQuery")
	assert.Equal(t, ExitOK, r.code, r.err)
	assert.Contains(t, r.out, "One WHERE can name many IDs.")

	r = run(t, root, "hint")
	assert.Equal(t, ExitOK, r.code, r.err)
	assert.Contains(t, r.out, "One WHERE can name many IDs.", "the hint of the koan last shown")
	assert.Contains(t, r.out, "SQL this koan sent:", "with the SQL a hint may point at")

	r = run(t, root, "run", "01_mini")
	assert.Equal(t, ExitFailing, r.code, r.err)
	r = run(t, root, "hint")
	assert.Contains(t, r.out, "Read the SQL.", "the koan shown last is now the first failing one")

	// A wrong answer: what GORM gave, and never the blank's type.
	editKoan(t, root, "koans/01_mini/mini_test.go", func(src string) string {
		return strings.Replace(src, "assert.Equal(t, __,", "assert.Equal(t, 2,", 1)
	})
	r = run(t, root, "run", "01_mini/TestCount")
	assert.Contains(t, r.out, "you said 2 — GORM gave 1")
	assert.NotContains(t, r.out, "fixtures.blank")
}

func TestResetKoanTakesTextTypedBelowIt(t *testing.T) {
	t.Parallel()
	root := checkout(t)
	file := filepath.Join(root, "koans", "01_mini", "mini_test.go")
	shipped, err := os.ReadFile(file)
	require.NoError(t, err)
	junk := strings.Replace(string(shipped), "queries.Count(\"SELECT\")) // how many SELECTs?\n}\n", "queries.Count(\"SELECT\")) // how many SELECTs?\n}\nstray words typed here\n", 1)
	require.NotEqual(t, string(shipped), junk)
	require.NoError(t, os.WriteFile(file, []byte(junk), 0o644))
	r := run(t, root, "reset", "--yes", "01_mini/TestCount")
	assert.Equal(t, ExitOK, r.code, r.err)
	assert.Contains(t, r.out, "reset 01_mini/TestCount")
	now, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.Equal(t, string(shipped), string(now))
}

func TestUsageErrorsAreOneLineAndExitTwo(t *testing.T) {
	t.Parallel()
	root := checkout(t)
	for _, tc := range []struct {
		args []string
		dir  string
		want string
	}{
		{[]string{"run", "no_such_koan"}, root, `unknown koan or phase "no_such_koan"`},
		{[]string{"hint", "TestNope"}, root, `unknown koan "TestNope"`},
		{[]string{"verify", "--bogus"}, root, "unknown flag -bogus for verify (valid: --allow-superuser-koans, --format, --original, --output, --sandbox, --timeout)"},
		{[]string{"verify", "--format", "xml"}, root, `unknown format "xml" (valid: text, classroom, github, json, junit)`},
		{[]string{"frobnicate"}, root, `unknown command "frobnicate"`},
		{[]string{"dev", "check", "7"}, root, `unknown phase "7" (valid: 01_mini)`},
		{[]string{"verify"}, t.TempDir(), "is not inside a gorm-koans checkout"},
	} {
		r := run(t, tc.dir, tc.args...)
		assert.Equal(t, ExitUsage, r.code, tc.args)
		assert.Empty(t, r.out, tc.args)
		assert.Contains(t, r.err, tc.want, tc.args)
		assert.Equal(t, 1, strings.Count(r.err, "\n"), "one line: %q", r.err)
	}
}

func TestDevCheck(t *testing.T) {
	t.Parallel()
	root := checkout(t)
	r := run(t, root, "dev", "check")
	require.Equal(t, ExitOK, r.code, r.out+r.err)
	assert.Contains(t, r.out, "dev check: 2 koans")
	assert.Contains(t, r.out, "on cgo SQLite and pure-Go SQLite 4 dodges ran, all failed, and 2 honest alternatives passed")

	solution := filepath.Join(root, "solutions", "01_mini", "mini_test.go")
	koan := filepath.Join(root, "koans", "01_mini", "mini_test.go")
	original, err := os.ReadFile(solution)
	require.NoError(t, err)

	// checkSolution writes the solution, generates its koan and runs dev check.
	checkSolution := func(t *testing.T, src string) ran {
		t.Helper()
		require.NoError(t, os.WriteFile(solution, []byte(src), 0o644))
		_, err := devcheck.Generate(root, "")
		require.NoError(t, err)
		return run(t, root, "dev", "check")
	}
	// dodge adds dodges' lines to TestOneQuery's block.
	dodge := func(t *testing.T, lines ...string) ran {
		t.Helper()
		return checkSolution(t, strings.Replace(string(original), "\t// ✎ end", "\t"+strings.Join(lines, "\n\t")+"\n\t// ✎ end", 1))
	}

	t.Run("a broken solution", func(t *testing.T) {
		r := checkSolution(t, strings.Replace(string(original), "/*__*/, 1,", "/*__*/, 2,", 1))
		assert.Equal(t, ExitFailing, r.code)
		assert.Contains(t, r.out, "01_mini/TestCount: its solution does not pass")
		assert.NotContains(t, r.out, "01_mini/TestOneQuery")
	})

	t.Run("a dodge that passes, an honest alternative that fails", func(t *testing.T) {
		// A condition that happens to match the three IDs: one built
		// query, three authors. fmt is not imported by the file: dev check
		// imports it for the dodge. And an "honest" alternative that loads
		// the wrong authors: dev check says the koan rejects it, as it
		// would a check grown too strict. Both in one block, one check.
		r := dodge(t,
			`//dodge first-three: require.NoError(t, db.Where(fmt.Sprintf("id <= %d", 3)).Find(&authors).Error)`,
			`//honest by-ids: require.NoError(t, db.Find(&authors, "id < ?", 3).Error)`)
		assert.Equal(t, ExitFailing, r.code)
		assert.Contains(t, r.out, "01_mini/TestOneQuery: its dodge first-three passes on cgo SQLite")
		assert.Contains(t, r.out, "01_mini/TestOneQuery: its dodge first-three passes on pure-Go SQLite")
		assert.NotContains(t, r.out, "one-by-one")
		assert.NotContains(t, r.out, "raw-sql", "the technique check fails raw SQL")
		assert.Contains(t, r.out, "01_mini/TestOneQuery: its honest alternative by-ids fails on cgo SQLite: the koan rejects a right way to do it")
		assert.Contains(t, r.out, "01_mini/TestOneQuery: its honest alternative by-ids fails on pure-Go SQLite")
		assert.Contains(t, r.out, "dev check: 4 problems in 2 koans", "two on each build")
	})

	t.Run("a dodge that does not compile", func(t *testing.T) {
		r := dodge(t, `//dodge typo: require.NoError(t, db.Find(&authorz).Error)`)
		assert.Equal(t, ExitFailing, r.code)
		line := strings.Count(string(original)[:strings.Index(string(original), "\t// ✎ end")], "\n") + 1
		assert.Contains(t, r.out, fmt.Sprintf("01_mini/TestOneQuery: its dodge typo does not compile: solutions/01_mini/mini_test.go:%d: undefined: authorz", line))
	})

	t.Run("no dodge, no Docs", func(t *testing.T) {
		src := regexp.MustCompile(`(?m)^\s*//(dodge|honest).*\n`).ReplaceAllString(string(original), "")
		src = strings.Replace(src, "// Docs: https://gorm.io/docs/query.html\n", "// Docs: https://example.com/gorm\n", 1)
		src = strings.Replace(src, "// Docs: https://gorm.io/docs/query.html#Retrieving-objects-with-primary-key\n", "", 1)
		r := checkSolution(t, src)
		assert.Equal(t, ExitFailing, r.code)
		assert.Contains(t, r.out, "01_mini/TestOneQuery: its ✎ block has no dodge")
		assert.Contains(t, r.out, "01_mini/TestOneQuery: its ✎ block has no honest alternative")
		assert.Contains(t, r.out, "01_mini/TestOneQuery: no Docs: line")
		assert.Contains(t, r.out, "01_mini/TestCount: its Docs: link https://example.com/gorm is not a page of https://gorm.io/docs/ or https://pkg.go.dev/")
	})

	t.Run("a koan shipped solved, reference SQL that drifted", func(t *testing.T) {
		require.NoError(t, os.WriteFile(solution, original, 0o644))
		_, err := devcheck.Generate(root, "")
		require.NoError(t, err)
		solved := strings.Replace(string(original), "t /*__*/, 1,", "t, 1,", 1)
		require.NoError(t, os.WriteFile(koan, []byte(solved), 0o644))
		sqlFile := filepath.Join(root, filepath.FromSlash(trace.File("01_mini", dbenv.SQLite)))
		recorded, err := os.ReadFile(sqlFile)
		require.NoError(t, err)
		require.Contains(t, string(recorded), "SELECT count(*) FROM `books`")
		require.NoError(t, os.WriteFile(sqlFile, []byte(strings.Replace(string(recorded), "count(*)", "count(1)", 1)), 0o644))
		r := run(t, root, "dev", "check")
		assert.Equal(t, ExitFailing, r.code)
		assert.Contains(t, r.out, "01_mini/TestCount: passes as shipped")
		assert.Contains(t, r.out, "01_mini/TestCount: koans/01_mini/mini_test.go differs from its solution")
		assert.Contains(t, r.out, "koans/01_mini/testdata/sql.json differs from the SQL the solutions send today (run `koans dev gen`)")

		r = run(t, root, "dev", "gen")
		assert.Equal(t, ExitOK, r.code, r.err)
		assert.Contains(t, r.out, "wrote koans/01_mini/testdata/sql.json")
		now, err := os.ReadFile(sqlFile)
		require.NoError(t, err)
		assert.Equal(t, string(recorded), string(now))
	})
}

func TestResetAndSolution(t *testing.T) {
	t.Parallel()
	root := checkout(t)
	file := filepath.Join(root, "koans", "01_mini", "mini_test.go")
	shippedSrc, err := os.ReadFile(file)
	require.NoError(t, err)

	r := run(t, root, "solution", "TestCount")
	assert.Equal(t, ExitFailing, r.code)
	assert.Contains(t, r.out, "does not pass yet")
	assert.NotContains(t, r.out, "queries.Count(\"SELECT\"))")

	r = run(t, root, "solution", "--force", "TestCount")
	require.Equal(t, ExitOK, r.code, r.err)
	assert.Contains(t, r.out, `assert.Equal(t, 1, queries.Count("SELECT"))`, "markers removed")
	r = run(t, root, "solution", "--force", "TestOneQuery")
	require.Equal(t, ExitOK, r.code, r.err)
	assert.Contains(t, r.out, "db.Find(&authors, []int{1, 2, 3})")
	assert.NotContains(t, r.out, "dodge", "dodges are the authors' own")

	// Solve TestCount and break TestOneQuery's block: resetting TestOneQuery
	// must keep the first koan's answer.
	solved := strings.Replace(string(shippedSrc), "assert.Equal(t, __,", "assert.Equal(t, 1,", 1)
	solved = strings.Replace(solved, "for id := 1; id <= 3; id++ {", "for id := 1; id <= 4; id++ {", 1)
	require.NoError(t, os.WriteFile(file, []byte(solved), 0o644))

	r = run(t, root, "solution", "TestCount")
	require.Equal(t, ExitOK, r.code, r.out+r.err)
	assert.Contains(t, r.out, "Solution of 01_mini/TestCount")

	r = run(t, root, "reset", "TestOneQuery")
	assert.Equal(t, ExitUsage, r.code, "no terminal to ask, no --yes")
	assert.Contains(t, r.err, "pass --yes")

	r = run(t, root, "reset", "--yes", "TestOneQuery")
	require.Equal(t, ExitOK, r.code, r.err)
	now, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.Contains(t, string(now), "id <= 3", "the koan is back as shipped")
	assert.Contains(t, string(now), "assert.Equal(t, 1,", "the other koan's answer is kept")

	r = run(t, root, "reset", "--yes", "01_mini")
	require.Equal(t, ExitOK, r.code, r.err)
	now, err = os.ReadFile(file)
	require.NoError(t, err)
	assert.Equal(t, string(shippedSrc), string(now))

	r = run(t, root, "reset", "--yes", "nope")
	assert.Equal(t, ExitUsage, r.code)
	r = run(t, root, "solution", "nope")
	assert.Equal(t, ExitUsage, r.code)
}

func TestGradeGradebook(t *testing.T) {
	t.Parallel()
	original := checkout(t)
	koanFile := filepath.Join("koans", "01_mini", "mini_test.go")
	solution, err := os.ReadFile(filepath.Join(original, "solutions", "01_mini", "mini_test.go"))
	require.NoError(t, err)
	shippedSrc, err := os.ReadFile(filepath.Join(original, koanFile))
	require.NoError(t, err)

	submissions := t.TempDir()
	make := func(name string, src string) string {
		dir := filepath.Join(submissions, name)
		copyTree(t, original, dir)
		require.NoError(t, os.WriteFile(filepath.Join(dir, koanFile), []byte(src), 0o644))
		return dir
	}
	make("solved", string(solution))
	make("partly", strings.Replace(string(shippedSrc), "assert.Equal(t, __,", "assert.Equal(t, 1,", 1))
	make("broken", strings.Replace(string(shippedSrc), "var n int64", "var n int64 = (", 1))
	make("tampered", strings.Replace(string(solution), `assert.Len(t, authors, 3)`, ``, 1))
	make("looping", strings.Replace(string(solution), `require.NoError(t, db.Find(&authors, []int{1, 2, 3}).Error)`, `for db != nil {
	}`, 1))

	r := run(t, submissions, "grade", "--original", original, "--timeout", "5s", "--jobs", "2", "--format", "json",
		"solved", "partly", "broken", "tampered", "looping")
	require.Equal(t, ExitOK, r.code, r.err)
	var book struct {
		Version     int              `json:"version"`
		Submissions []map[string]any `json:"submissions"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.out), &book), r.out)
	assert.Equal(t, grade.GradebookVersion, book.Version)
	got := map[string]string{}
	for _, row := range book.Submissions {
		got[row["name"].(string)] = fmt.Sprintf("%v/%v tampered=%v failing=%v", row["score"], row["max_score"], row["tampered"], row["failing"])
	}
	assert.Equal(t, map[string]string{
		"solved":   "2/2 tampered=[] failing=[]",
		"partly":   "1/2 tampered=[] failing=[01_mini/TestOneQuery]",
		"broken":   "0/2 tampered=[] failing=[01_mini/TestCount 01_mini/TestOneQuery]",
		"tampered": "1/2 tampered=[01_mini/TestOneQuery] failing=[]",
		"looping":  "1/2 tampered=[] failing=[01_mini/TestOneQuery]",
	}, got)
	assert.Contains(t, r.err, "[5/5]", "progress is shown")

	r = run(t, submissions, "grade", "--original", original, "--timeout", "5s", "solved")
	require.Equal(t, ExitOK, r.code, r.err)
	assert.Equal(t, "name,score,max_score,01_mini,tampered,failing,missing,extra,error\nsolved,2,2,2,,,,,\n", r.out)

	// The page: one cell per koan, each with its verdict; the tampered
	// submission called out at the top.
	r = run(t, submissions, "grade", "--original", original, "--timeout", "5s", "--format", "html", "--output", "gradebook.html", "partly", "tampered")
	require.Equal(t, ExitOK, r.code, r.err)
	page, err := os.ReadFile(filepath.Join(submissions, "gradebook.html"))
	require.NoError(t, err)
	for _, cell := range []string{
		`<td class=p><td class=f></tr>`, // partly: TestCount passes, TestOneQuery fails
		`<td class=p><td class=m></tr>`, // tampered: TestOneQuery
		`data-alert="tampered"`,
		`"koans":[["01_mini/TestCount",`,
	} {
		assert.Contains(t, string(page), cell)
	}
}

func TestVerifyFormatsAndTampering(t *testing.T) {
	t.Parallel()
	root := checkout(t)
	r := run(t, root, "verify", "--format", "junit", "--original", root)
	require.Equal(t, ExitFailing, r.code, r.err)
	var suites struct {
		Tests  int `xml:"tests,attr"`
		Suites []struct {
			Name  string `xml:"name,attr"`
			Cases []struct {
				Name    string    `xml:"name,attr"`
				Failure *struct{} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	require.NoError(t, xml.Unmarshal([]byte(r.out), &suites), r.out)
	assert.Equal(t, 2, suites.Tests)
	require.Len(t, suites.Suites, 1)
	assert.Len(t, suites.Suites[0].Cases, 2)
	assert.NotNil(t, suites.Suites[0].Cases[0].Failure)

	summary := filepath.Join(t.TempDir(), "summary.md")
	var out, errOut bytes.Buffer
	code := Run(t.Context(), []string{"verify", "--format", "github", "--original", root}, IO{
		Out: &out, Err: &errOut, Dir: root,
		Getenv: func(k string) string {
			if k == "GITHUB_STEP_SUMMARY" {
				return summary
			}
			return ""
		},
	})
	require.Equal(t, ExitFailing, code, errOut.String())
	assert.Equal(t, 2, strings.Count(out.String(), "::error file=koans/01_mini/mini_test.go,line="), out.String())
	md, err := os.ReadFile(summary)
	require.NoError(t, err)
	assert.Contains(t, string(md), "| A mini phase | 0/2 | 0/2 |")

	// Solve everything by the rules, then delete one assertion.
	file := filepath.Join(root, "koans", "01_mini", "mini_test.go")
	solution, err := os.ReadFile(filepath.Join(root, "solutions", "01_mini", "mini_test.go"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(file, solution, 0o644))
	r = run(t, root, "verify", "--format", "classroom", "--original", root)
	require.Equal(t, ExitOK, r.code, r.out+r.err)
	var classroom struct {
		Version  int    `json:"version"`
		Status   string `json:"status"`
		MaxScore int    `json:"max_score"`
		Tests    []struct {
			Name     string `json:"name"`
			Status   string `json:"status"`
			Score    int    `json:"score"`
			TestCode string `json:"test_code"`
			LineNo   int    `json:"line_no"`
		} `json:"tests"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.out), &classroom))
	assert.Equal(t, 1, classroom.Version)
	assert.Equal(t, "pass", classroom.Status)
	assert.Equal(t, 2, classroom.MaxScore)
	require.Len(t, classroom.Tests, 2)
	assert.Equal(t, "01_mini/TestCount", classroom.Tests[0].Name)
	assert.Equal(t, 1, classroom.Tests[0].Score)
	assert.NotZero(t, classroom.Tests[0].LineNo)

	require.NoError(t, os.WriteFile(file, []byte(strings.Replace(string(solution), "assert.Len(t, authors, 3)", "", 1)), 0o644))
	r = run(t, root, "verify", "--format", "json", "--original", root)
	require.Equal(t, ExitFailing, r.code)
	var rep report.JSONReport
	require.NoError(t, json.Unmarshal([]byte(r.out), &rep))
	assert.Equal(t, 1, rep.Score)
	assert.Equal(t, 2, rep.MaxScore)
	assert.Equal(t, "tampered", rep.Koans[1].Status)
	assert.Equal(t, 0, rep.Koans[1].Score)
	// The line after the one removed is where the two stop matching.
	removed := strings.Count(string(solution)[:strings.Index(string(solution), "assert.Len(t, authors, 3)")], "\n") + 2
	assert.Contains(t, rep.Koans[1].Message, fmt.Sprintf("mini_test.go:%d", removed), "where the koan stops matching the original")
}

func TestGradeWithoutASandboxStops(t *testing.T) {
	original := checkout(t)
	t.Setenv("PATH", t.TempDir()) // no bwrap anywhere
	r := run(t, original, "grade", "--original", original, original)
	assert.Equal(t, ExitUsage, r.code)
	assert.Contains(t, r.err, "bubblewrap")
	assert.Contains(t, r.err, "--no-sandbox")
	assert.Equal(t, 1, strings.Count(r.err, "\n"), "one line: %s", r.err)
}

func TestAMissingHelperFileIsNamedAndRestored(t *testing.T) {
	t.Parallel()
	root := checkout(t)
	require.NoError(t, os.Remove(filepath.Join(root, "koans", "01_mini", "blanks_test.go")))
	r := run(t, root, "run", "01_mini/TestCount")
	assert.Equal(t, ExitFailing, r.code, r.err)
	assert.Contains(t, r.out, "koans/01_mini/blanks_test.go is missing: `koans reset 01_mini/TestCount` restores it")

	r = run(t, root, "reset", "--yes", "01_mini/TestCount")
	assert.Equal(t, ExitOK, r.code, r.err)
	assert.Contains(t, r.out, "restored koans/01_mini/blanks_test.go, which was missing")
	r = run(t, root, "run", "01_mini/TestCount")
	assert.Contains(t, r.out, "fill in the blank: how many SELECTs?")
}

func TestGradeGoesOnPastAnEmptyFolder(t *testing.T) {
	t.Parallel()
	original := checkout(t)
	submissions := t.TempDir()
	copyTree(t, original, filepath.Join(submissions, "secA", "bea"))
	require.NoError(t, os.MkdirAll(filepath.Join(submissions, "secB", "bea"), 0o755))
	r := run(t, submissions, "grade", "--original", original, "--timeout", "5s", "--format", "csv", "secA/bea", "secB/bea")
	assert.Equal(t, ExitFailing, r.code, "a submission not graded: exit 1, with the gradebook: %s", r.err)
	lines := strings.Split(strings.TrimSpace(r.out), "\n")
	require.Len(t, lines, 3, r.out)
	assert.True(t, strings.HasPrefix(lines[1], "secA/bea,0,2,"), lines[1])
	assert.True(t, strings.HasPrefix(lines[2], "secB/bea,0,0,"), lines[2])
	assert.Contains(t, lines[2], "no koans/ directory")
	assert.Contains(t, r.err, "secB/bea: not graded")

	r = run(t, submissions, "grade", "--original", original, "nowhere")
	assert.Equal(t, ExitUsage, r.code)
	assert.Contains(t, r.err, "nowhere")
}

func TestHelpInAnAssignmentListsTheLearnersCommands(t *testing.T) {
	t.Parallel()
	root := checkout(t)
	// A learner's repository as koans export writes it: no solutions/,
	// the shipped koans kept aside.
	dir := t.TempDir()
	copyTree(t, filepath.Join(root, "koans"), filepath.Join(dir, "koans"))
	copyTree(t, filepath.Join(root, "koans"), filepath.Join(dir, filepath.FromSlash(originals.ShippedDir)))
	copyFile(t, filepath.Join(root, "go.mod"), filepath.Join(dir, "go.mod"))
	r := run(t, dir, "help")
	require.Equal(t, ExitOK, r.code, r.err)
	for _, learner := range []string{"koans list", "koans run", "koans hint", "koans verify", "koans reset"} {
		assert.Contains(t, r.out, learner)
	}
	for _, other := range []string{"koans grade", "koans export", "koans dev", "authors", "instructors"} {
		assert.NotContains(t, r.out, other, "a learner's help")
	}
	assert.NotContains(t, r.out, "grade:", "nor grade's formats")
	r = run(t, dir, "nope")
	assert.Equal(t, ExitUsage, r.code)
	assert.NotContains(t, r.err, "export", "the valid commands are a learner's")

	r = run(t, root, "help")
	assert.Contains(t, r.out, "koans grade", "an author's checkout lists every command")
	assert.Contains(t, r.out, "koans dev check")
}

func TestVerifySaysASubmissionWasMadeFromOtherOriginals(t *testing.T) {
	t.Parallel()
	root := checkout(t)
	made := filepath.Join(root, filepath.FromSlash(originals.MadeFromFile))
	require.NoError(t, os.MkdirAll(filepath.Dir(made), 0o755))
	require.NoError(t, os.WriteFile(made, []byte("sha256:"+strings.Repeat("ab", 32)+"\n"), 0o644))
	r := run(t, root, "verify", "--format", "json", "--original", root)
	assert.Equal(t, ExitUsage, r.code, r.out)
	assert.Contains(t, r.err, "this submission was made from other originals than this grader's")
	assert.Equal(t, 1, strings.Count(r.err, "\n"), "one line: %s", r.err)
	assert.Empty(t, r.out, "no report that would call the differences tampering")
}

func TestGradeWritesEveryFormatOnceAndShardsMergeToTheSame(t *testing.T) {
	t.Parallel()
	original := checkout(t)
	submissions := t.TempDir()
	// The whole class (go run ./internal/bench -class) is too slow for
	// this suite: half of a small one, the other half untouched.
	var names []string
	var students []cohort.Student
	for i, name := range []string{"ada", "bo", "cy", "di", "ed", "fay"} {
		students = append(students, cohort.Student{Name: name, Solved: 1 - i%2})
	}
	students = append(students, cohort.Student{Name: "empty", Empty: true})
	_, err := cohort.Build(original, filepath.Join(original, "solutions"), submissions, students)
	require.NoError(t, err)
	for _, s := range students {
		names = append(names, s.Name)
	}
	grade := func(args ...string) ran {
		t.Helper()
		return run(t, submissions, append(append([]string{"grade", "--original", original, "--timeout", "5s"}, args...), names...)...)
	}

	r := grade("--format", "html,csv,json", "--output", "book/")
	require.Equal(t, ExitFailing, r.code, "the empty folder is not graded: %s", r.err)
	read := func(p string) string {
		raw, err := os.ReadFile(filepath.Join(submissions, p))
		require.NoError(t, err)
		return string(raw)
	}
	whole := read("book/gradebook.json")
	assert.Contains(t, read("book/gradebook.html"), "<html")
	assert.True(t, strings.HasPrefix(read("book/gradebook.csv"), "name,score"))

	// render: the saved JSON into the other formats, no grading.
	r = run(t, submissions, "grade", "render", "book/gradebook.json", "--format", "csv,html", "--output", "again.csv", "--output", "again.html")
	require.Equal(t, ExitOK, r.code, r.err)
	assert.Equal(t, read("book/gradebook.csv"), read("again.csv"))
	assert.Equal(t, read("book/gradebook.html"), read("again.html"))

	// Three shards, merged: the same gradebook.
	var shards []string
	for i := 1; i <= 3; i++ {
		out := fmt.Sprintf("shard-%d.json", i)
		r = grade("--shard", fmt.Sprintf("%d/3", i), "--format", "json", "--output", out)
		require.Contains(t, []int{ExitOK, ExitFailing}, r.code, r.err)
		shards = append(shards, out)
	}
	r = run(t, submissions, append([]string{"grade", "merge", "--format", "json,csv", "--output", "merged/"}, shards...)...)
	assert.Equal(t, ExitFailing, r.code, "the empty folder is still not graded: %s", r.err)
	assert.Equal(t, whole, read("merged/gradebook.json"), "byte for byte")
	assert.Equal(t, read("book/gradebook.csv"), read("merged/gradebook.csv"))

	// Bad input: one line, exit 2.
	for _, bad := range [][]string{
		{"grade", "--format", "csv,json", "ada"},
		{"grade", "--format", "csv,nope", "--output", "x/", "ada"},
		{"grade", "--format", "csv,json", "--output", "a.csv", "--output", "a.txt", "ada"},
		{"grade", "--shard", "4/3", "ada"},
		{"grade", "render", "ada"},
		{"grade", "merge", "book/gradebook.csv"},
	} {
		r = run(t, submissions, bad...)
		assert.Equal(t, ExitUsage, r.code, "%v: %s", bad, r.err)
		assert.Equal(t, 1, strings.Count(r.err, "\n"), "%v: one line: %s", bad, r.err)
	}
}

package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/runner"
)

func TestWrapKeepsIndentsAndBreaksSQLAtTokens(t *testing.T) {
	sql := "  12  SELECT * FROM `authors` WHERE `authors`.`id` = 1 ORDER BY `authors`.`id` LIMIT 1"
	got := Wrap(sql, 40)
	for _, line := range strings.Split(got, "\n") {
		assert.LessOrEqual(t, Width(line), 40, line)
	}
	assert.Equal(t, "  12  SELECT * FROM `authors` WHERE\n"+
		"      `authors`.`id` = 1 ORDER BY\n"+
		"      `authors`.`id` LIMIT 1", got, "continued under the statement, cut between tokens")

	values := "INSERT INTO `books` (`title`,`year`) VALUES (\"Dune\",1965),(\"Emma\",1815)"
	for _, line := range strings.Split(Wrap(values, 30), "\n") {
		assert.LessOrEqual(t, Width(line), 30, line)
		assert.NotContains(t, line, "Du\n", "not cut inside a value")
	}
	assert.Equal(t, "  a hint that goes\n  on and on", Wrap("  a hint that goes on and on", 18), "a paragraph keeps its indent")
	assert.Equal(t, "  a_test.go:3  Not\n    equal", Wrap("  a_test.go:3  Not equal", 18), "a failure's message goes on under its other lines")
	assert.Equal(t, "✗ A title that\n  goes on", Wrap("✗ A title that goes on", 15))
	assert.Equal(t, "short", Wrap("short", 0), "no width: as it is")
}

func TestWidthAndFit(t *testing.T) {
	assert.Equal(t, 5, Width("🟢 ok"), "a badge takes two columns")
	assert.Equal(t, 2, Width("\x1b[1mok\x1b[0m"), "colour takes none")
	assert.Equal(t, "TestVery…", Fit("TestVeryLongName", 9))
	assert.Equal(t, "fits", Fit("fits", 9))
}

func koanWithRegions(regions ...catalog.Region) (*catalog.Koan, runner.Result) {
	p := &catalog.Phase{Dir: "07_x", Number: 7, Title: "X"}
	k := &catalog.Koan{ID: "07_x/TestA", Name: "TestA", Phase: p, Title: "A.", File: "koans/07_x/a_test.go", Line: 3, Regions: regions}
	p.Koans = []*catalog.Koan{k}
	return k, runner.Result{Koan: k, Status: runner.Fail, File: k.File, Line: 20, Message: "sent 11 queries, budget 2"}
}

func TestTwoBlocksAreBothNamed(t *testing.T) {
	_, r := koanWithRegions(catalog.Region{Start: 8, End: 10}, catalog.Region{Start: 14, End: 17})
	var out bytes.Buffer
	KoanView(&out, NewStyle(false), r, View{})
	assert.Contains(t, out.String(), "change the 2 ✎ blocks of koans/07_x/a_test.go, at lines 8, 14")
}

func TestSQLPanel(t *testing.T) {
	k, r := koanWithRegions()
	k.Docs = "https://gorm.io/docs/preload.html"
	k.Hint = "The SQL below has one SELECT per author."
	var out bytes.Buffer
	r.SQL = []string{}
	KoanView(&out, NewStyle(false), r, View{Help: HintHelp})
	text := out.String()
	assert.Contains(t, text, "SQL this koan sent: none — no SQL reached the database.")
	assert.Contains(t, text, "docs: https://gorm.io/docs/preload.html")
	assert.Less(t, strings.Index(text, "The SQL below"), strings.Index(text, "SQL this koan sent"), "the hint is above the SQL it points at")

	out.Reset()
	r.SQL = []string{"SELECT 1"}
	KoanView(&out, NewStyle(false), r, View{HoldSQL: true})
	assert.NotContains(t, out.String(), "SELECT 1", "predict first: held back")
	assert.Contains(t, out.String(), "predict it first")
}

func TestCompareAlignsAndCounts(t *testing.T) {
	_, r := koanWithRegions()
	r.SQL = []string{"SELECT * FROM `authors`", "SELECT * FROM `books` WHERE `author_id` = 1", "SELECT * FROM `books` WHERE `author_id` = 2"}
	var out bytes.Buffer
	Compare(&out, NewStyle(false), r, Reference{Found: true, SQL: []string{"SELECT * FROM `authors`", "SELECT * FROM `books` WHERE `author_id` IN (1,2)"}})
	assert.Equal(t, "Your SQL beside the solution's for 07_x/TestA\n"+
		"  yours: 3 statements, the solution's: 2 statements\n"+
		"  = both sent it · - only yours · + only the solution's\n"+
		"  =   1   1  SELECT * FROM `authors`\n"+
		"  -   2      SELECT * FROM `books` WHERE `author_id` = 1\n"+
		"  -   3      SELECT * FROM `books` WHERE `author_id` = 2\n"+
		"  +       2  SELECT * FROM `books` WHERE `author_id` IN (1,2)\n", out.String())

	out.Reset()
	Compare(&out, NewStyle(false), r, Reference{})
	assert.Contains(t, out.String(), "no reference SQL was recorded")
	assert.NotContains(t, out.String(), "dev gen", "a learner's repository cannot run it")
}

func TestCompareCountsALongRunBothSent(t *testing.T) {
	_, r := koanWithRegions()
	var sql []string
	for i := range 10 {
		sql = append(sql, fmt.Sprintf("SELECT %d", i))
	}
	r.SQL = sql
	var out bytes.Buffer
	Compare(&out, NewStyle(false), r, Reference{Found: true, SQL: sql})
	assert.Contains(t, out.String(), "your code sends the same SQL as the solution: what differs is in your blanks or in what your code does with the rows.")
	assert.Contains(t, out.String(), "=   2   2  SELECT 1\n  = … 7 more that both sent\n  =  10  10  SELECT 9\n")
	assert.NotContains(t, out.String(), "SELECT 5")
}

// The ladder is one table: each rung says what it shows, and h wraps.
func TestHintLadder(t *testing.T) {
	k, r := koanWithRegions()
	k.Hint = "Look at the WHERE."
	r.SQL = []string{"SELECT 1"}
	var shown []string
	for h := NoHelp; ; h = h.Up() {
		var out bytes.Buffer
		KoanView(&out, NewStyle(false), r, View{Help: h, HoldSQL: true, Reference: Reference{Found: true, SQL: []string{"SELECT 2"}}})
		text := out.String()
		shown = append(shown, fmt.Sprintf("hint=%v sql=%v compare=%v", strings.Contains(text, "Look at the WHERE."), strings.Contains(text, "SELECT 1"), strings.Contains(text, "SELECT 2")))
		if h.Up() == NoHelp {
			break
		}
	}
	assert.Equal(t, []string{
		"hint=false sql=false compare=false",
		"hint=true sql=false compare=false",
		"hint=true sql=true compare=true",
	}, shown, "the second hint shows the SQL a predict-first koan held back")
}

// A statement of several lines (Atlas's inspection query, with tabs) keeps
// the panel's columns: each further line under the first, no raw tabs.
func TestMultiLineSQLStaysInThePanel(t *testing.T) {
	_, r := koanWithRegions()
	r.SQL = []string{"SELECT\n\t\tname,\ttype\n\tFROM sqlite_master\n\n\tWHERE type = 'table'", "SELECT 1"}
	var out bytes.Buffer
	SQL(&out, NewStyle(false), r, false)
	got := Wrap(out.String(), 60)
	assert.NotContains(t, got, "\t")
	assert.Equal(t, `
  SQL this koan sent:
    1  SELECT
         name, type
         FROM sqlite_master
         WHERE type = 'table'
    2  SELECT 1
`, got)
}

// A link is never cut by wrapping: it moves to a line of its own and may
// run past the width there, so it can be clicked and copied whole.
func TestWrapNeverSplitsALink(t *testing.T) {
	url := "https://gorm.io/docs/preload.html#Preload-with-conditions"
	for _, width := range []int{40, 60} {
		for _, st := range []Style{NewStyle(false), NewStyle(true).WithLinks()} {
			line := "  " + st.Dim("docs:") + " " + st.URL(url)
			got := Wrap(line, width)
			plain := stripANSI(got)
			assert.Contains(t, plain, url, "width %d: the URL is whole", width)
			for _, l := range strings.Split(got, "\n") {
				if !strings.Contains(stripANSI(l), "https://") {
					assert.LessOrEqual(t, Width(l), width)
				}
			}
		}
	}
	linked := NewStyle(true).WithLinks().URL(url)
	assert.Equal(t, "\x1b]8;;"+url+"\x07"+url+"\x1b]8;;\x07", linked, "OSC 8, the URL as its own text")
	assert.Equal(t, len(url), Width(linked), "a hyperlink's sequences take no columns")
	assert.Equal(t, url, NewStyle(true).URL(url), "plain where the terminal is not known to show links")
}

func TestHyperlinksWhereTheTerminalSaysSo(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	assert.True(t, Hyperlinks(env("TERM_PROGRAM", "iTerm.app")))
	assert.True(t, Hyperlinks(env("VTE_VERSION", "7000")))
	assert.True(t, Hyperlinks(env("WT_SESSION", "x")))
	assert.False(t, Hyperlinks(env("TERM", "xterm-256color")))
	assert.False(t, Hyperlinks(env("TERM_PROGRAM", "iTerm.app", "TMUX", "/tmp/tmux")))
}

func TestWrapExpandsTabs(t *testing.T) {
	assert.Equal(t, "a       b\n        c", Wrap("a\tb\n\tc", 0))
}

// A comma stays with the word before it when the line breaks right there.
func TestWrapNeverStartsALineWithAComma(t *testing.T) {
	got := Wrap("✗ A tool can write the migration for you, by diffing the database against the models.", 40)
	for _, l := range strings.Split(got, "\n") {
		assert.False(t, strings.HasPrefix(strings.TrimSpace(l), ","), "%q", got)
	}
}

package grade

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/internal/report"
	"github.com/gorm-koans/gorm-koans/internal/runner"
	"github.com/gorm-koans/gorm-koans/internal/safetext"
)

// A koan builds control characters at run time, where the tamper check
// cannot see them, and puts them in its failure message, its output, the
// SQL it sends, and a file's name: no report of any format, nor the
// progress line, carries one.
func TestControlCharactersNeverReachAReport(t *testing.T) {
	t.Parallel()
	root := arena(t)
	f := solved(t, root)
	f.edit(t, arenaFile, oneQuery, `esc := string(rune(27))
	db.Where("name = ?", esc+"[2J"+string(rune(0x9b))+"H").Find(&authors)
	t.Log(esc + "[2J" + string(rune(13)) + string(rune(0x202e)) + "evil")
	t.Fatal(esc + "[H" + esc + "[2J all koans pass")`)
	f["koans/01_arena/\x1b[2Jname.go"] = "x"
	dir := filepath.Join(t.TempDir(), "sub")
	f.write(t, dir)

	orig, cat := load(t, root)
	g := New(orig, cat)
	g.Timeout = 5 * time.Second
	var progress bytes.Buffer
	g.Progress = func(_ string, r runner.Result) {
		progress.WriteString(r.Message + r.File + strings.Join(r.SQL, "\n") + strings.Join(r.Details, "\n"))
	}
	defer g.Close()
	sub := g.Grade(t.Context(), dir)
	require.NoError(t, sub.Err)
	var block bool
	for _, k := range sub.Sheet.Koans {
		if k.Koan.Name == "TestBlock" {
			block = true
			assert.Equal(t, 0, k.Score)
			assert.Contains(t, k.Message, `\x1b[2J`, "escaped, not dropped: the grader sees something was there")
		}
	}
	require.True(t, block)

	// JSON writes a control character as an escape its reader turns back
	// (the grader's own escapes are written with their backslash escaped).
	encoded := regexp.MustCompile(`(^|[^\\])\\(u00[01][0-9a-fA-F]|u007[fF]|u00[89][0-9a-fA-F]|r|b|f)`)
	clean := func(what string, out []byte) {
		json := json.Valid(out)
		t.Helper()
		s := string(out)
		for i, line := range strings.Split(s, "\n") {
			if safetext.String(line) != line || json && encoded.MatchString(line) {
				t.Errorf("%s, line %d, carries a control character: %q", what, i+1, line)
			}
		}
	}
	clean("progress", progress.Bytes())
	for _, format := range report.Formats() {
		var out bytes.Buffer
		require.NoError(t, format.Write(&out, report.NewStyle(false), sub.Sheet))
		clean(format.Name, out.Bytes())
		if format.Summary != nil {
			out.Reset()
			require.NoError(t, format.Summary(&out, sub.Sheet))
			clean(format.Name+" summary", out.Bytes())
		}
	}
	book := NewGradebook(cat, []Submission{sub})
	for _, format := range Formats {
		var out bytes.Buffer
		require.NoError(t, format.Write(&out, book))
		clean("gradebook "+format.Name, out.Bytes())
	}
}

// floods are koans that print 128 MiB each, in lines and in one line.
const floods = `package flood

import (
	"fmt"
	"strings"
	"testing"
)

// TestLines: prints 128 MiB in lines of 1 KiB, then fails.
func TestLines(t *testing.T) {
	line := strings.Repeat("x", 1023)
	for range 128 << 10 {
		fmt.Println(line)
	}
	t.Fatal("the end of the flood")
}

// TestOneLine: prints 128 MiB on one line, then passes.
func TestOneLine(t *testing.T) {
	fmt.Println(strings.Repeat("y", 128<<20))
}
`

// Two koans print 128 MiB each at once: the grader keeps a bounded head and
// tail of each, so its peak memory stays under 100 MiB, and the verdicts,
// the failure's message among them, are still right.
//
// Not parallel: it measures this process's memory, which parallel tests
// would share (go runs them only after every test that is not).
func TestOutputFloodsAreBounded(t *testing.T) {
	root := onePhase(t, "flood", floods)
	orig, cat := load(t, root)
	g := New(orig, cat)
	g.Timeout = time.Minute
	defer g.Close()
	// The peak this process reached before (building the checkout, other
	// tests) is not the grader's: start counting afresh.
	runtime.GC()
	require.NoError(t, os.WriteFile("/proc/self/clear_refs", []byte("5"), 0))
	s := g.Grade(t.Context(), root)
	require.NoError(t, s.Err)
	peak := peakRSS(t)
	t.Logf("the grader's peak resident memory: %d MiB", peak>>20)
	assert.Less(t, peak, int64(100<<20))
	for _, k := range s.Sheet.Koans {
		switch k.Koan.Name {
		case "TestLines":
			assert.Equal(t, "fail", k.Verdict())
			assert.Contains(t, k.Message, "the end of the flood")
		case "TestOneLine":
			assert.Equal(t, "pass", k.Verdict(), k.Message)
		}
	}
}

// peakRSS is this process's peak resident memory since clear_refs was last
// told 5 (Linux's VmHWM).
func peakRSS(t *testing.T) int64 {
	t.Helper()
	raw, err := os.ReadFile("/proc/self/status")
	require.NoError(t, err)
	for line := range strings.SplitSeq(string(raw), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			require.NoError(t, err)
			return kb << 10
		}
	}
	t.Fatal("no VmHWM in /proc/self/status")
	return 0
}

package grade

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"regexp"
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

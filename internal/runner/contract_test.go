package runner

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures/koanfmt"
)

// What the fixtures write into go test -json (fixtures/koanfmt) is what the
// runner reads back: real koans, run by go test, give the SQL they sent and
// their messages, without the SQL log in the messages.
func TestFixturesReportReadsBack(t *testing.T) {
	t.Parallel()
	root, cat := demoCatalog(t)
	phase, ok := cat.Phase("05_sql")
	require.True(t, ok)
	results, err := (&Runner{Root: root}).Run(t.Context(), phase.Koans)
	require.NoError(t, err)
	got := map[string]Result{}
	for _, res := range results {
		got[res.Koan.Name] = res
		assert.Equal(t, Fail, res.Status, res.Koan.Name)
		for _, line := range append([]string{res.Message}, res.Details...) {
			assert.NotContains(t, line, koanfmt.SQLHeader, "%s: the SQL log is in Result.SQL, not in the message", res.Koan.Name)
		}
	}

	many := got["TestTooMany"]
	assert.Contains(t, many.Message, "one query is enough")
	require.NotEmpty(t, many.SQL)
	kept := many.SQL[:len(many.SQL)-1]
	note := many.SQL[len(many.SQL)-1]
	assert.True(t, koanfmt.IsLeftOut(note), "the last entry says what was left out: %q", note)
	assert.Equal(t, koanfmt.LeftOut(200-len(kept)), note)
	for _, q := range kept {
		require.Equal(t, "SELECT '"+strings.Repeat("x", 40)+"'", q)
	}

	none := got["TestNone"]
	assert.Contains(t, none.Message, "send one statement")
	assert.NotNil(t, none.SQL, "a koan that sent nothing says so")
	assert.Empty(t, none.SQL)

	refused := got["TestRefused"]
	assert.Contains(t, refused.Message, "add an author of a new name")
	require.Len(t, refused.SQL, 4, "SELECT, BEGIN, INSERT, ROLLBACK")
	assert.True(t, strings.HasPrefix(refused.SQL[2], "INSERT INTO `authors`"), refused.SQL[2])
	assert.Contains(t, refused.SQL[2], koanfmt.ErrorNote+"UNIQUE constraint failed")
}

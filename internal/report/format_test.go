package report

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every registered format writes a report and fits a line of `koans help`.
func TestEveryFormatWritesAndDescribesItself(t *testing.T) {
	fs := Formats()
	require.NotEmpty(t, fs)
	assert.Equal(t, DefaultFormat, fs[0].Name, "the default comes first")
	for _, f := range fs {
		t.Run(f.Name, func(t *testing.T) {
			assert.LessOrEqual(t, utf8.RuneCountInString(f.Description), 64, "one short line in `koans help`")
			var out bytes.Buffer
			require.NoError(t, f.Write(&out, NewStyle(false), sheet()))
			assert.Contains(t, out.String(), "wrong, a:b", "says why the failing koan fails")
			got, ok := LookupFormat(f.Name)
			assert.True(t, ok)
			assert.Equal(t, f.Name, got.Name)
		})
	}
	_, ok := LookupFormat("xml")
	assert.False(t, ok)
}

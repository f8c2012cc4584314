package runner

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The Error fields below are testify's, captured from real failures.
func TestTidyMessage(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ name, in, want string }{
		{"scalar", "Not equal: \nexpected: \"select\"\nactual  : \"SELECT\"\nDiff:\n--- Expected\n+++ Actual\n@@ -1 +1 @@\n-select\n+SELECT",
			`Not equal: expected "select", actual "SELECT"`},
		{"slice", "Not equal: \nexpected: []string{\"BEGIN\", \"INSERT\", \"COMMIT\"}\nactual  : []string{\"BEGIN\", \"INSERT\", \"INSERT\", \"COMMIT\"}\nDiff:\n--- Expected\n+++ Actual\n@@ -1,3 +1,4 @@\n-([]string) (len=3) {\n+([]string) (len=4) {\n  (string) (len=5) \"BEGIN\",\n+ (string) (len=6) \"INSERT\",\n  (string) (len=6) \"INSERT\",",
			"Not equal: expected []string{\"BEGIN\", \"INSERT\", \"COMMIT\"}, actual []string{\"BEGIN\", \"INSERT\", \"INSERT\", \"COMMIT\"}\n+ \"INSERT\""},
		{"struct", "Not equal: \nexpected: fixtures.Book{ID:1, Year:1965}\nactual  : fixtures.Book{ID:1, Year:1966}\nDiff:\n--- Expected\n+++ Actual\n@@ -3,3 +3,3 @@\n  Title: (string) (len=4) \"Dune\",\n- Year: (int) 1965\n+ Year: (int) 1966\n }",
			"Not equal: expected fixtures.Book{ID:1, Year:1965}, actual fixtures.Book{ID:1, Year:1966}\n- Year: 1965\n+ Year: 1966"},
		{"error", "Received unexpected error:\nrecord not found", "unexpected error: record not found"},
		{"elements", "elements differ\nextra elements in list A:\n([]interface {}) (len=1) {\n (string) (len=1) \"a\"\n}",
			"elements differ\nextra elements in list A:\n\"a\""},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := tidyMessage(strings.Split(c.in, "\n"))
			assert.Equal(t, c.want, got)
			assert.NotContains(t, got, "(len=")
		})
	}
}

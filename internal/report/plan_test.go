package report

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
)

// A koan that asked for plans has each statement's plan drawn under it,
// one line a table read; a statement without a plan has none.
func TestSQLPanelShowsPlans(t *testing.T) {
	_, r := koanWithRegions()
	r.SQL = []string{"BEGIN", "SELECT * FROM `books` WHERE author_id IN (1,2)"}
	r.Plans = map[int][]string{2: {"books: index idx_books_author_id (author_id)"}}
	var out bytes.Buffer
	SQL(&out, NewStyle(false), r, false)
	assert.Equal(t, `
  SQL this koan sent:
    1  BEGIN
    2  SELECT * FROM `+"`books`"+` WHERE author_id IN (1,2)
         ↳ books: index idx_books_author_id (author_id)
`, out.String())

	out.Reset()
	SQL(&out, NewStyle(false), r, true)
	assert.NotContains(t, out.String(), "idx_books_author_id", "predict first: the plans are held back with the SQL")
}

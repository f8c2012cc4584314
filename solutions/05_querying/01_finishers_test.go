package querying

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestFirstAndLastOrderByTheKey: First and Last sort by primary key; Take doesn't sort at all.
//
// A table has no order of its own, so "the first book" means nothing until
// someone picks an ORDER BY. First picks the primary key ascending, Last the
// primary key descending, both with LIMIT 1. Take sends LIMIT 1 alone: the
// database may return any row.
//
// Hint: books are numbered in the order of fixtures/data/library.json. Read
// the three SELECTs below.
// Docs: https://gorm.io/docs/query.html#Retrieving-a-single-object
// SQL: after first try
func TestFirstAndLastOrderByTheKey(t *testing.T) {
	db, queries := fixtures.Library(t)

	var first, last, taken fixtures.Book
	require.NoError(t, db.First(&first).Error)
	require.NoError(t, db.Last(&last).Error)
	require.NoError(t, db.Take(&taken).Error)

	assert.Equal(t /*___*/, "A Wizard of Earthsea", first.Title)                  // the title First found?
	assert.Equal(t /*___*/, "1Q84", last.Title)                                   // the title Last found?
	assert.Equal(t /*__*/, false, strings.Contains(queries.SQL()[2], "ORDER BY")) // does Take's SELECT sort?
}

package querying

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestFirstAndLastOrderByTheKey: First, Last and Take each fetch one row — which of them sorts, and by what?
//
// A table has no order of its own, so "the first book" means nothing until
// someone picks an ORDER BY. First and Last pick one for you, on the
// primary key, and add LIMIT 1. Take means "any one row will do".
//
// Hint: books are numbered in the order of fixtures/data/library.json. Would
// "any one row" need an ORDER BY? Once you have tried, the SQL panel shows
// the three SELECTs.
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

package querying

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestNewestThreeBooks: fetch only the three most recent books, newest first.
//
// Loading every row and slicing in Go works on 32 books and falls over on
// 32 million. Order and Limit put the sorting and the cutting where the
// data is: the database sends back three rows, already in order.
//
// Hint: Order takes a piece of SQL ("column DESC"); Limit takes a number.
func TestNewestThreeBooks(t *testing.T) {
	db, queries := fixtures.Library(t)

	var books []fixtures.Book
	// ✎ let the database sort and cut
	require.NoError(t, db.Find(&books).Error)
	// ✎ end

	assert.Equal(t, []string{"1Q84", "Going Postal", "Kafka on the Shore"}, fixtures.Titles(books))
	assert.Equal(t, 1, queries.Len(), "one query")
}

// TestOffsetWithoutLimit: an Offset alone still needs a LIMIT in SQLite, so GORM writes LIMIT -1.
//
// Offset skips rows and Limit caps them; GORM sends both as SQL. SQLite only
// accepts OFFSET after a LIMIT, so for an Offset alone GORM writes
// LIMIT -1, which SQLite reads as "no limit".
//
// Hint: there are 32 books. Which do you get past the 30th, in id order?
func TestOffsetWithoutLimit(t *testing.T) {
	db, queries := fixtures.Library(t)

	var books []fixtures.Book
	require.NoError(t, db.Order("id").Offset(30).Find(&books).Error)

	assert.Equal(t, __, len(books))             // how many books are past the 30th?
	assert.Equal(t, __, fixtures.Titles(books)) // which ones?
	assert.Contains(t, queries.SQL()[0], "LIMIT -1 OFFSET 30")
}

package querying

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestNewestThreeBooks: fetch only the three most recent books, newest first.
//
// Loading every row and slicing in Go works on 32 books and falls over on
// 32 million. Order and Limit put the sorting and the cutting where the
// data is: the database sends back three rows, already in order.
//
// Hint: Order takes a piece of SQL ("column DESC"); Limit takes a number.
// Docs: https://gorm.io/docs/query.html#Order
func TestNewestThreeBooks(t *testing.T) {
	db, queries := fixtures.Library(t)

	var books []fixtures.Book
	// ✎ let the database sort and cut
	//koan: require.NoError(t, db.Find(&books).Error)
	require.NoError(t, db.Order("year DESC").Limit(3).Find(&books).Error)
	//dodge slice-in-go: require.NoError(t, db.Order("year DESC").Find(&books).Error)
	//dodge slice-in-go: books = books[:3]
	//dodge limit-only: require.NoError(t, db.Limit(3).Find(&books).Error)
	// ✎ end

	assert.Equal(t, []string{"1Q84", "Going Postal", "Kafka on the Shore"}, fixtures.Titles(books))
	require.Equal(t, 1, queries.Len(), "one query")
	assert.Contains(t, queries.SQL()[0], "LIMIT 3", "the database cuts, not Go")
}

// TestCountKeepsLimitAndOffset: Count on a paginated chain keeps its LIMIT and OFFSET — and counts the wrong thing.
//
// Count drops a chain's ORDER BY, but not its LIMIT or OFFSET: they stay on
// the SELECT count(*). That query returns one row, the count; OFFSET 5
// skips it, and GORM reports 0. On page 1 (no OFFSET) the number looks
// right, which is why this survives into production. Count on the chain
// before it is paginated — or undo the paging with Limit(-1).Offset(-1).
//
// Hint: read the SELECT count(*) below to the end.
// Docs: https://gorm.io/docs/advanced_query.html#count
// SQL: after first try
func TestCountKeepsLimitAndOffset(t *testing.T) {
	db, queries := fixtures.Library(t)

	page2 := db.Model(&fixtures.Book{}).Order("id").Limit(5).Offset(5).Session(&gorm.Session{})
	var books []fixtures.Book
	require.NoError(t, page2.Find(&books).Error)
	var total, undone int64
	require.NoError(t, page2.Count(&total).Error)
	countSQL := queries.SQL()[1]
	require.NoError(t, page2.Limit(-1).Offset(-1).Count(&undone).Error)

	assert.Equal(t /*__*/, 5, len(books))                                 // books on page 2?
	assert.Equal(t /*__*/, 0, int(total))                                 // what did Count report?
	assert.Equal(t /*__*/, true, strings.HasSuffix(countSQL, "OFFSET 5")) // does the count's SQL end with the OFFSET?
	assert.Equal(t /*__*/, 32, int(undone))                               // and the count with Limit(-1).Offset(-1)?
}

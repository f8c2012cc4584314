package indexes

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestWhichOrderAnIndexGives: ORDER BY … LIMIT reads an index in its order and stops — when the index has that order.
//
// An index on year is the books sorted by year: "the five newest" is its
// last five entries, read backwards, and nothing else. Ask for an order
// the index does not have and the database reads every book and sorts
// them, to keep five. Even one more column in the ORDER BY than the index
// holds needs a sort — of the ties, at least.
//
// Hint: the index holds year and nothing else; which ORDER BY can it give
// as it is? Each plan says "sorted" when one was needed.
// Docs: https://gorm.io/docs/query.html#Order
// SQL: after first try
func TestWhichOrderAnIndexGives(t *testing.T) {
	db, queries := fixtures.LargeLibrary(t)
	type Book struct {
		ID       uint   `gorm:"primaryKey"`
		Title    string `gorm:"not null"`
		Year     int    `gorm:"index"`
		AuthorID uint
	}
	require.NoError(t, db.AutoMigrate(&Book{}))
	queries.Reset()

	var books []fixtures.Book
	require.NoError(t, db.Order("year DESC").Limit(5).Find(&books).Error)
	require.NoError(t, db.Order("title").Limit(5).Find(&books).Error)
	require.NoError(t, db.Order("year DESC, title").Limit(5).Find(&books).Error)
	plans := queries.Plans(t, db)

	assert.Equal(t /*__*/, false, plans[0].Sorted()) // did "year DESC" need a sort?
	assert.Equal(t /*__*/, true, plans[1].Sorted())  // did "title"?
	assert.Equal(t /*__*/, true, plans[2].Sorted())  // did "year DESC, title"?
}

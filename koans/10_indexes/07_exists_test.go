package indexes

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestAskForOneRowNotACount: "are there any?" is one row with Limit(1), not a Count.
//
// Count makes the database find every matching row — every entry of the
// index, every row of the table without one — to answer a yes-or-no
// question with a number. Ask for one row instead: the search stops at
// the first it finds. The plan of both is the same search; what differs is
// when it stops.
//
// Hint: a query with Limit(1) returns a row or none; RowsAffected (or
// len of the slice) says which.
// Docs: https://gorm.io/docs/query.html#Limit-amp-Offset
func TestAskForOneRowNotACount(t *testing.T) {
	db, queries := fixtures.LargeLibrary(t)
	type Book struct {
		ID       uint   `gorm:"primaryKey"`
		Title    string `gorm:"not null"`
		Year     int
		AuthorID uint `gorm:"index"`
	}
	require.NoError(t, db.AutoMigrate(&Book{}))
	queries.Reset()
	queries.ShowPlans(t, db)

	// ✎ answer yes or no without counting
	hasBooks := func(authorID uint) bool {
		var n int64
		require.NoError(t, db.Model(&fixtures.Book{}).Where("author_id = ?", authorID).Count(&n).Error)
		return n > 0
	}
	// ✎ end

	assert.True(t, hasBooks(300), "author 300 has books")
	assert.False(t, hasBooks(9), "Kazuo Ishiguro (author 9) has none")
	queries.Built(t, "SELECT", "LIMIT")
	noCount(t, queries)
	queries.ReadAtMost(t, 1)
}

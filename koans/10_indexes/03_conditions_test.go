package indexes

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestLikeSearchesOnlyByAPrefix: LIKE 'Book 123%' can search an index; LIKE '%123' cannot.
//
// An index on title is sorted by title: the titles that start with "Book
// 123" sit side by side, and the database jumps to them. The titles that
// end in "123" are everywhere; it reads them all. A search box that wraps
// the user's words in %…% reads the whole table, index or not.
//
// Hint: which of the two patterns gives the index a place to start? Each
// plan is in the SQL panel.
// Docs: https://gorm.io/docs/query.html#String-Conditions
// SQL: after first try
func TestLikeSearchesOnlyByAPrefix(t *testing.T) {
	db, queries := fixtures.LargeLibrary(t)
	prefixIndex(t, db)
	queries.Reset()

	var starts, ends []fixtures.Book
	require.NoError(t, db.Where("title LIKE ?", "Book 123%").Find(&starts).Error)
	require.NoError(t, db.Where("title LIKE ?", "%123").Find(&ends).Error)
	plans := queries.Plans(t, db)
	prefix, _ := plans[0].Of("books")
	suffix, _ := plans[1].Of("books")

	assert.Equal(t, __, prefix.Search())   // did 'Book 123%' search the index?
	assert.Equal(t, __, suffix.FullScan()) // did '%123' read every book?
}

// TestFunctionHidesTheColumnFromItsIndex: a condition on year / 10 cannot use the index on year; a range on year can.
//
// The index holds years, sorted. `year / 10 = 199` asks about something
// the index does not hold — every book's year divided by ten — so the
// database computes it for every book. Say the same thing about the
// column itself, as a range, and the index finds the 1990s at once. The
// same goes for LOWER(name), DATE(created_at), CAST(…).
//
// Hint: the 1990s are the years from 1990 to 1999.
// Docs: https://gorm.io/docs/query.html#Conditions
func TestFunctionHidesTheColumnFromItsIndex(t *testing.T) {
	db, queries := fixtures.LargeLibrary(t)
	type Book struct {
		ID       uint   `gorm:"primaryKey"`
		Title    string `gorm:"not null"`
		Year     int    `gorm:"index"`
		AuthorID uint
	}
	require.NoError(t, db.AutoMigrate(&Book{}))
	var nineties int64
	require.NoError(t, db.Model(&Book{}).Where("year >= 1990 AND year <= 1999").Count(&nineties).Error)
	queries.Reset()

	var books []fixtures.Book
	// ✎ find the 1990s' books so that the index on year can search for them
	require.NoError(t, db.Where("year / 10 = ?", 199).Find(&books).Error)
	// ✎ end

	queries.Built(t, "SELECT", "WHERE")
	queries.Searched(t, db, "books", "year")
	assert.Len(t, books, int(nineties))
}

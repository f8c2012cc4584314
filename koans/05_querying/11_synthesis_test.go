package querying

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestSearchBooks: write search — optional author filter, newest first, one page, and the true total.
//
// The phase in one function, the way an API handler needs it. search
// returns one page of the books published after a year, newest first (a
// tie goes to the higher id: the book added last), optionally only by some
// authors — an empty list means "any author", not "none" — and the number
// of matching books in all, so the client can draw "page 2 of 6". Two
// queries per call: a count without the page's LIMIT and OFFSET, and the
// page with them, both done by the database.
//
// Hint: build the conditions first (leave IN out when the list is empty),
// make the chain reusable (phase 4), Count on it, then add Order (two
// columns), Offset and Limit for the page.
// Docs: https://gorm.io/docs/query.html#Conditions
func TestSearchBooks(t *testing.T) {
	db, queries := fixtures.Library(t)

	// ✎ write search
	search := func(db *gorm.DB, authors []uint, after, page, size int) ([]fixtures.Book, int64, error) {
		var books []fixtures.Book
		err := db.Where("author_id IN ?", authors).Where("year > ?", after).Find(&books).Error
		return books, int64(len(books)), err
	}
	// ✎ end

	books, total, err := search(db, []uint{1, 2}, 1970, 1, 3) // Le Guin and Pratchett
	require.NoError(t, err)
	assert.Equal(t, []string{"Going Postal", "Small Gods", "Guards! Guards!"}, fixtures.Titles(books), "Le Guin and Pratchett after 1970, page 1 of 3")
	assert.EqualValues(t, 7, total, "Le Guin and Pratchett after 1970, in all")

	books, total, err = search(db, nil, 2000, 2, 2) // anyone, page 2
	require.NoError(t, err)
	assert.Equal(t, []string{"Kafka on the Shore"}, fixtures.Titles(books), "anyone after 2000, page 2 of 2")
	assert.EqualValues(t, 3, total, "anyone after 2000, in all")

	books, total, err = search(db, []uint{2, 3, 7, 8}, 1985, 3, 4) // four books of 1987 on page 3
	require.NoError(t, err)
	assert.Equal(t, []string{"Norwegian Wood", "Beloved", "Dawn", "Mort"}, fixtures.Titles(books), "page 3: four books of 1987, the higher id first")
	assert.EqualValues(t, 12, total)

	require.Equal(t, 6, queries.Len(), "a count and a page per call")
	queries.NoHandWritten(t)                        // GORM wrote every statement
	queries.Built(t, "SELECT", "ORDER BY", "LIMIT") // the database sorts and cuts the page
	queries.ReadAtMost(t, 3+1+1+1+4+1)              // each page and each count: nothing loaded to count or slice in Go
	for _, s := range queries.Statements() {
		assert.NotContains(t, s.SQL, "IN (NULL)", "an empty author list filters nothing")
		if strings.HasPrefix(s.SQL, "SELECT count(*)") {
			assert.False(t, s.Has("LIMIT"), "the total counts every matching book: %s", s)
		}
	}
}

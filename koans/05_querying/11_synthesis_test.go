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
// returns one page of the books published after a year, newest first (ties
// by id), optionally only by some authors — an empty list means "any
// author", not "none" — and the number of matching books in all. Two
// queries per call: a count and a page, both done by the database.
//
// Hint: build the conditions first (leave IN out when the list is empty),
// make the chain reusable (phase 4), Count on it, then add Order, Offset and
// Limit for the page.
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
	assert.Equal(t, []string{"Going Postal", "Small Gods", "Guards! Guards!"}, fixtures.Titles(books))
	assert.EqualValues(t, 7, total)

	books, total, err = search(db, nil, 2000, 2, 2) // anyone, page 2
	require.NoError(t, err)
	assert.Equal(t, []string{"Kafka on the Shore"}, fixtures.Titles(books))
	assert.EqualValues(t, 3, total)

	sent := queries.SQL()
	require.Len(t, sent, 4, "a count and a page per call")
	for _, sql := range sent {
		assert.NotContains(t, sql, "IN (NULL)", "an empty author list filters nothing")
		if strings.HasPrefix(sql, "SELECT count(*)") {
			assert.NotContains(t, sql, "LIMIT", "the total counts every matching book")
		} else {
			assert.Contains(t, sql, "LIMIT", "the database cuts the page")
		}
	}
}

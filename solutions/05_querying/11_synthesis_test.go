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
	//koan: search := func(db *gorm.DB, authors []uint, after, page, size int) ([]fixtures.Book, int64, error) {
	//koan: 	var books []fixtures.Book
	//koan: 	err := db.Where("author_id IN ?", authors).Where("year > ?", after).Find(&books).Error
	//koan: 	return books, int64(len(books)), err
	//koan: }
	search := func(db *gorm.DB, authors []uint, after, page, size int) ([]fixtures.Book, int64, error) {
		q := db.Model(&fixtures.Book{}).Where("year > ?", after)
		if len(authors) > 0 {
			q = q.Where("author_id IN ?", authors)
		}
		q = q.Session(&gorm.Session{})
		var total int64
		if err := q.Count(&total).Error; err != nil {
			return nil, 0, err
		}
		var books []fixtures.Book
		err := q.Order("year DESC, id").Offset((page - 1) * size).Limit(size).Find(&books).Error
		return books, total, err
	}
	//dodge empty-in: search := func(db *gorm.DB, authors []uint, after, page, size int) ([]fixtures.Book, int64, error) {
	//dodge empty-in: 	q := db.Model(&fixtures.Book{}).Where("year > ?", after).Where("author_id IN ?", authors).Session(&gorm.Session{})
	//dodge empty-in: 	var total int64
	//dodge empty-in: 	if err := q.Count(&total).Error; err != nil {
	//dodge empty-in: 		return nil, 0, err
	//dodge empty-in: 	}
	//dodge empty-in: 	var books []fixtures.Book
	//dodge empty-in: 	err := q.Order("year DESC, id").Offset((page - 1) * size).Limit(size).Find(&books).Error
	//dodge empty-in: 	return books, total, err
	//dodge empty-in: }
	//dodge count-the-page: search := func(db *gorm.DB, authors []uint, after, page, size int) ([]fixtures.Book, int64, error) {
	//dodge count-the-page: 	q := db.Model(&fixtures.Book{}).Where("year > ?", after)
	//dodge count-the-page: 	if len(authors) > 0 {
	//dodge count-the-page: 		q = q.Where("author_id IN ?", authors)
	//dodge count-the-page: 	}
	//dodge count-the-page: 	q = q.Order("year DESC, id").Offset((page - 1) * size).Limit(size).Session(&gorm.Session{})
	//dodge count-the-page: 	var books []fixtures.Book
	//dodge count-the-page: 	if err := q.Find(&books).Error; err != nil {
	//dodge count-the-page: 		return nil, 0, err
	//dodge count-the-page: 	}
	//dodge count-the-page: 	var total int64
	//dodge count-the-page: 	err := q.Count(&total).Error
	//dodge count-the-page: 	return books, total, err
	//dodge count-the-page: }
	//dodge page-in-go: search := func(db *gorm.DB, authors []uint, after, page, size int) ([]fixtures.Book, int64, error) {
	//dodge page-in-go: 	q := db.Where("year > ?", after)
	//dodge page-in-go: 	if len(authors) > 0 {
	//dodge page-in-go: 		q = q.Where("author_id IN ?", authors)
	//dodge page-in-go: 	}
	//dodge page-in-go: 	var all []fixtures.Book
	//dodge page-in-go: 	if err := q.Order("year DESC, id").Find(&all).Error; err != nil {
	//dodge page-in-go: 		return nil, 0, err
	//dodge page-in-go: 	}
	//dodge page-in-go: 	from := min((page-1)*size, len(all))
	//dodge page-in-go: 	return all[from:min(from+size, len(all))], int64(len(all)), nil
	//dodge page-in-go: }
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

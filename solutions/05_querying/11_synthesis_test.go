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
		err := q.Order("year DESC, id DESC").Offset((page - 1) * size).Limit(size).Find(&books).Error
		return books, total, err
	}
	//dodge empty-in: search := func(db *gorm.DB, authors []uint, after, page, size int) ([]fixtures.Book, int64, error) {
	//dodge empty-in: 	q := db.Model(&fixtures.Book{}).Where("year > ?", after).Where("author_id IN ?", authors).Session(&gorm.Session{})
	//dodge empty-in: 	var total int64
	//dodge empty-in: 	if err := q.Count(&total).Error; err != nil {
	//dodge empty-in: 		return nil, 0, err
	//dodge empty-in: 	}
	//dodge empty-in: 	var books []fixtures.Book
	//dodge empty-in: 	err := q.Order("year DESC, id DESC").Offset((page - 1) * size).Limit(size).Find(&books).Error
	//dodge empty-in: 	return books, total, err
	//dodge empty-in: }
	//dodge count-the-page: search := func(db *gorm.DB, authors []uint, after, page, size int) ([]fixtures.Book, int64, error) {
	//dodge count-the-page: 	q := db.Model(&fixtures.Book{}).Where("year > ?", after)
	//dodge count-the-page: 	if len(authors) > 0 {
	//dodge count-the-page: 		q = q.Where("author_id IN ?", authors)
	//dodge count-the-page: 	}
	//dodge count-the-page: 	q = q.Order("year DESC, id DESC").Offset((page - 1) * size).Limit(size).Session(&gorm.Session{})
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
	//dodge page-in-go: 	if err := q.Order("year DESC, id DESC").Find(&all).Error; err != nil {
	//dodge page-in-go: 		return nil, 0, err
	//dodge page-in-go: 	}
	//dodge page-in-go: 	from := min((page-1)*size, len(all))
	//dodge page-in-go: 	return all[from:min(from+size, len(all))], int64(len(all)), nil
	//dodge page-in-go: }
	//dodge over-fetch: search := func(db *gorm.DB, authors []uint, after, page, size int) ([]fixtures.Book, int64, error) {
	//dodge over-fetch: 	q := db.Model(&fixtures.Book{}).Where("year > ?", after)
	//dodge over-fetch: 	if len(authors) > 0 {
	//dodge over-fetch: 		q = q.Where("author_id IN ?", authors)
	//dodge over-fetch: 	}
	//dodge over-fetch: 	q = q.Session(&gorm.Session{})
	//dodge over-fetch: 	var total int64
	//dodge over-fetch: 	if err := q.Count(&total).Error; err != nil {
	//dodge over-fetch: 		return nil, 0, err
	//dodge over-fetch: 	}
	//dodge over-fetch: 	var books []fixtures.Book
	//dodge over-fetch: 	err := q.Order("year DESC, id DESC").Limit(page * size).Find(&books).Error
	//dodge over-fetch: 	return books[min((page-1)*size, len(books)):], total, err
	//dodge over-fetch: }
	//dodge no-tie-break: search := func(db *gorm.DB, authors []uint, after, page, size int) ([]fixtures.Book, int64, error) {
	//dodge no-tie-break: 	q := db.Model(&fixtures.Book{}).Where("year > ?", after)
	//dodge no-tie-break: 	if len(authors) > 0 {
	//dodge no-tie-break: 		q = q.Where("author_id IN ?", authors)
	//dodge no-tie-break: 	}
	//dodge no-tie-break: 	q = q.Session(&gorm.Session{})
	//dodge no-tie-break: 	var total int64
	//dodge no-tie-break: 	if err := q.Count(&total).Error; err != nil {
	//dodge no-tie-break: 		return nil, 0, err
	//dodge no-tie-break: 	}
	//dodge no-tie-break: 	var books []fixtures.Book
	//dodge no-tie-break: 	err := q.Order("year DESC").Offset((page - 1) * size).Limit(size).Find(&books).Error
	//dodge no-tie-break: 	return books, total, err
	//dodge no-tie-break: }
	//dodge raw-sql: search := func(db *gorm.DB, authors []uint, after, page, size int) ([]fixtures.Book, int64, error) {
	//dodge raw-sql: 	where, args := "year > ?", []any{after}
	//dodge raw-sql: 	if len(authors) > 0 {
	//dodge raw-sql: 		where, args = where+" AND author_id IN ?", append(args, authors)
	//dodge raw-sql: 	}
	//dodge raw-sql: 	var total int64
	//dodge raw-sql: 	if err := db.Raw("SELECT count(*) FROM books WHERE "+where, args...).Scan(&total).Error; err != nil {
	//dodge raw-sql: 		return nil, 0, err
	//dodge raw-sql: 	}
	//dodge raw-sql: 	var books []fixtures.Book
	//dodge raw-sql: 	err := db.Raw("SELECT * FROM books WHERE "+where+" ORDER BY year DESC, id DESC LIMIT ? OFFSET ?", append(args, size, (page-1)*size)...).Scan(&books).Error
	//dodge raw-sql: 	return books, total, err
	//dodge raw-sql: }
	//honest generics: search := func(db *gorm.DB, authors []uint, after, page, size int) ([]fixtures.Book, int64, error) {
	//honest generics: 	q := gorm.G[fixtures.Book](db).Where("year > ?", after)
	//honest generics: 	if len(authors) > 0 {
	//honest generics: 		q = q.Where(map[string]any{"author_id": authors})
	//honest generics: 	}
	//honest generics: 	total, err := q.Count(t.Context(), "*")
	//honest generics: 	if err != nil {
	//honest generics: 		return nil, 0, err
	//honest generics: 	}
	//honest generics: 	books, err := q.Order("year desc").Order("id desc").Limit(size).Offset((page - 1) * size).Find(t.Context())
	//honest generics: 	return books, total, err
	//honest generics: }
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

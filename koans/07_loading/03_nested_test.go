package loading

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestAuthorsBooksAndTagsInFourQueries: load every author with their books and tags in at most 4 queries.
//
// Two levels of loops make N+1 multiply: a query per author, then a query
// per book. A dotted path preloads through the levels — the authors, their
// books, the book_tags of those books, the tags of those links — one query
// per step, however big the library grows.
//
// Hint: Preload's name can be a path of field names: Books, then each
// book's Tags.
// Docs: https://gorm.io/docs/preload.html#nested_preloading
func TestAuthorsBooksAndTagsInFourQueries(t *testing.T) {
	db, queries := fixtures.Library(t)

	var authors []fixtures.Author
	// ✎ load authors, their books and the books' tags without any loop
	require.NoError(t, db.Find(&authors).Error)
	for i := range authors {
		require.NoError(t, db.Model(&authors[i]).Association("Books").Find(&authors[i].Books))
		for j := range authors[i].Books {
			book := &authors[i].Books[j]
			require.NoError(t, db.Model(book).Association("Tags").Find(&book.Tags))
		}
	}
	// ✎ end

	queries.AtMost(t, 4)
	queries.Preloaded(t, "books")
	queries.Preloaded(t, "tags")
	assert.Equal(t, fixtures.BookCountByAuthor(), bookCounts(authors))
	assert.Equal(t, seedTagLinks(), tagLinks(authors), "every book with all its tags")
}

// TestPreloadWithConditions: a condition on Preload filters the children in the database.
//
// Preload("Books", "year > ?", 1990) appends the condition to the preload
// query: WHERE author_id IN (…) AND year > 1990. Every author is still
// loaded; each gets only the books that match. Loading everything and
// filtering in Go would give the same answer for far more rows. The koan
// first gives Kazuo Ishiguro a book of 2021.
//
// Hint: Preload takes, after the field name, the same arguments as Where.
// Docs: https://gorm.io/docs/preload.html#Preload-with-conditions
func TestPreloadWithConditions(t *testing.T) {
	db, queries := fixtures.Library(t)
	klara := fixtures.Book{Title: "Klara and the Sun", Year: 2021, AuthorID: 9} // Kazuo Ishiguro's first book here
	require.NoError(t, db.Create(&klara).Error)
	queries.Reset()

	var authors []fixtures.Author
	// ✎ load every author with only their books published after 1990
	require.NoError(t, db.Preload("Books").Find(&authors).Error)
	// ✎ end

	queries.AtMost(t, 2)
	queries.Preloaded(t, "books")
	queries.ReadAtMost(t, 17) // nine authors, eight recent books
	assert.Len(t, authors, 9, "every author, even those with no recent books")
	recent := map[string]int{}
	for _, a := range authors {
		if len(a.Books) > 0 {
			recent[a.Name] = len(a.Books)
		}
	}
	assert.Equal(t, map[string]int{
		"Terry Pratchett": 2, "Octavia E. Butler": 2, "Haruki Murakami": 3, "Kazuo Ishiguro": 1,
	}, recent, "authors with books after 1990, and how many")
}

// TestPreloadLimitIsNotPerParent: a Limit inside a preload limits the one child query, not each parent's share.
//
// A function gives you the whole preload query to shape: Order, Select,
// Where, Limit… But there is only ONE query for all the authors' books, so
// Limit(1) keeps one book in total — not the latest book of each author, as
// it reads. (Per-parent limits need a window function or a query per parent.)
//
// Hint: run the preload's one query in your head: ORDER BY year DESC over
// every author's books, then LIMIT 1. Years are in
// fixtures/data/library.json.
// Docs: https://gorm.io/docs/preload.html#Custom-Preloading-SQL
// SQL: after first try
func TestPreloadLimitIsNotPerParent(t *testing.T) {
	db, _ := fixtures.Library(t)

	var authors []fixtures.Author
	require.NoError(t, db.Preload("Books", func(tx *gorm.DB) *gorm.DB {
		return tx.Order("year DESC").Limit(1)
	}).Find(&authors).Error)

	withABook := 0
	var latest string
	for _, a := range authors {
		if len(a.Books) > 0 {
			withABook++
			latest = a.Books[0].Title
		}
	}
	assert.Equal(t, __, withABook) // how many authors got a book?
	assert.Equal(t, ___, latest)   // which book?
}

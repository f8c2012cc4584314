package loading

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestJoinsLoadsBelongsToInOneQuery: Joins("Author") fetches each book and its author in a single SELECT.
//
// A book has at most one author, so the author's columns can ride along on
// the book's row: a LEFT JOIN with the author's columns aliased Author__id,
// Author__name, … which GORM scans into book.Author. SQLAlchemy calls this
// joinedload. One round trip instead of Preload's two.
//
// Hint: Joins takes the name of the struct field, like Preload does.
// Docs: https://gorm.io/docs/preload.html#Joins-Preloading
func TestJoinsLoadsBelongsToInOneQuery(t *testing.T) {
	db, queries := fixtures.Library(t)

	var books []fixtures.Book
	// ✎ load the books after 2000 with their authors in one query
	//koan: require.NoError(t, db.Preload("Author").Where("year > ?", 2000).Order("year").Find(&books).Error)
	require.NoError(t, db.Joins("Author").Where("year > ?", 2000).Order("year").Find(&books).Error)
	//dodge join-the-table: require.NoError(t, db.Joins("JOIN authors ON authors.id = books.author_id").Where("year > ?", 2000).Order("year").Find(&books).Error)
	// ✎ end

	queries.AtMost(t, 1)
	var authors []string
	for _, b := range books {
		require.NotNil(t, b.Author, b.Title)
		authors = append(authors, b.Author.Name)
	}
	assert.Equal(t, []string{"Kafka on the Shore", "Going Postal", "1Q84"}, fixtures.Titles(books))
	assert.Equal(t, []string{"Haruki Murakami", "Terry Pratchett", "Haruki Murakami"}, authors)
}

// TestJoinsFiltersOnTheParent: with Joins, a WHERE can test the author's columns.
//
// Preload runs a separate query, so the books' WHERE cannot see authors at
// all. Joins puts the authors table in the same statement under the alias
// Author, so a condition on the alias's country chooses books by their
// author — and the author comes back filled in, for free.
//
// Hint: the alias is the field's name, written as the FROM … LEFT JOIN below
// writes it, quotes and all: PostgreSQL folds a name without quotes to
// lower case, and no table is called author.
// Docs: https://gorm.io/docs/preload.html#Joins-Preloading
func TestJoinsFiltersOnTheParent(t *testing.T) {
	db, _ := fixtures.Library(t)

	var books []fixtures.Book
	require.NoError(t, db.Joins("Author").Where( /*___*/ `"Author".country = ?`, "Japan").Find(&books).Error) // which condition picks the Japanese authors' books?

	assert.Equal(t /*__*/, 4, len(books)) // how many books?
	require.NotEmpty(t, books)
	require.NotNil(t, books[0].Author)
	assert.Equal(t, "Haruki Murakami", books[0].Author.Name)
}

// TestJoinsIsALeftJoin: Joins keeps rows that have no parent; InnerJoins drops them.
//
// Joins("Author") is a LEFT JOIN: a book whose author_id matches no author
// still comes back, with a nil Author. InnerJoins("Author") writes INNER
// JOIN, which also filters: no author, no book.
//
// Hint: the koan first orphans Ursula K. Le Guin's five books by clearing
// their author_id.
// Docs: https://gorm.io/docs/query.html#Joins
func TestJoinsIsALeftJoin(t *testing.T) {
	db, _ := fixtures.Library(t)
	require.NoError(t, db.Model(&fixtures.Author{ID: 1}).Association("Books").Clear())

	var left, inner []fixtures.Book
	require.NoError(t, db.Joins("Author").Order("books.id").Find(&left).Error)
	require.NoError(t, db.InnerJoins("Author").Order("books.id").Find(&inner).Error)

	assert.Equal(t /*__*/, 32, len(left))  // how many books with Joins?
	assert.Equal(t /*__*/, 27, len(inner)) // how many with InnerJoins?
	require.NotEmpty(t, left)
	assert.Equal(t /*__*/, true, left[0].Author == nil) // is Earthsea's Author nil now?
}

// TestChooseAuthorsByTheirBooks: to pick parents by their children, join and ask for each parent once.
//
// Joins("Books") cannot load a has-many (see the README): a join repeats the
// author once per matching book. But a join is still the way to *choose*
// authors by their books, in one query — as long as you say you want each
// author once. Preload's condition filters the books, never the authors.
//
// Hint: a plain SQL join string goes in Joins; the chain has a method that
// puts DISTINCT after SELECT. Murakami published two books after 2000.
// Docs: https://gorm.io/docs/query.html#Joins
func TestChooseAuthorsByTheirBooks(t *testing.T) {
	db, queries := fixtures.Library(t)

	var authors []fixtures.Author
	// ✎ load the authors who published a book after 2000, each once, in one query
	//koan: require.NoError(t, db.Preload("Books", "year > ?", 2000).Find(&authors).Error)
	require.NoError(t, db.Distinct().Joins("JOIN books ON books.author_id = authors.id").Where("books.year > ?", 2000).Find(&authors).Error)
	//dodge no-distinct: require.NoError(t, db.Joins("JOIN books ON books.author_id = authors.id").Where("books.year > ?", 2000).Find(&authors).Error)
	//dodge filter-in-go: var all []fixtures.Author
	//dodge filter-in-go: require.NoError(t, db.Preload("Books", "year > ?", 2000).Find(&all).Error)
	//dodge filter-in-go: for _, a := range all { if len(a.Books) > 0 { authors = append(authors, a) } }
	// ✎ end

	queries.AtMost(t, 1)
	var names []string
	for _, a := range authors {
		names = append(names, a.Name)
	}
	assert.ElementsMatch(t, []string{"Haruki Murakami", "Terry Pratchett"}, names)
}

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
func TestJoinsLoadsBelongsToInOneQuery(t *testing.T) {
	db, queries := fixtures.Library(t)

	var books []fixtures.Book
	// ✎ load the books after 2000 with their authors in one query
	require.NoError(t, db.Preload("Author").Where("year > ?", 2000).Order("year").Find(&books).Error)
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
// Author, so a condition on Author.country chooses books by their author —
// and the author comes back filled in, for free.
//
// Hint: the alias is the field's name; look at the FROM … LEFT JOIN below.
func TestJoinsFiltersOnTheParent(t *testing.T) {
	db, _ := fixtures.Library(t)

	var books []fixtures.Book
	require.NoError(t, db.Joins("Author").Where(___, "Japan").Find(&books).Error) // which condition picks the Japanese authors' books?

	assert.Equal(t, __, len(books)) // how many books?
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
func TestJoinsIsALeftJoin(t *testing.T) {
	db, _ := fixtures.Library(t)
	require.NoError(t, db.Model(&fixtures.Author{ID: 1}).Association("Books").Clear())

	var left, inner []fixtures.Book
	require.NoError(t, db.Joins("Author").Order("books.id").Find(&left).Error)
	require.NoError(t, db.InnerJoins("Author").Order("books.id").Find(&inner).Error)

	assert.Equal(t, __, len(left))  // how many books with Joins?
	assert.Equal(t, __, len(inner)) // how many with InnerJoins?
	require.NotEmpty(t, left)
	assert.Equal(t, __, left[0].Author == nil) // is Earthsea's Author nil now?
}

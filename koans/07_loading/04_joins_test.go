package loading

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm/clause"

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
	joined := joinedRelations(t, db) // the relations each query asked GORM to join

	var books []fixtures.Book
	// ✎ load the books after 2000 with their authors in one query
	require.NoError(t, db.Preload("Author").Where("year > ?", 2000).Order("year").Find(&books).Error)
	// ✎ end

	queries.AtMost(t, 1)
	queries.Built(t, "SELECT", "JOIN")
	assert.Equal(t, []string{"Author"}, joined(), "GORM must be asked to join the Author relation by its field name, and write and scan the join itself")
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
// all. Joins puts the authors table in the same statement, under an alias
// GORM chooses, so a condition on the alias's columns chooses books by
// their author — and the author comes back filled in, for free.
//
// Hint: which name does the authors table go by in the FROM … LEFT JOIN
// GORM writes? clause.Column quotes it as your database quotes names
// (PostgreSQL would fold an unquoted one to lower case; MySQL reads "…" as
// text). Birth years are in fixtures/data/library.json.
// Docs: https://gorm.io/docs/preload.html#Joins-Preloading
func TestJoinsFiltersOnTheParent(t *testing.T) {
	db, _ := fixtures.Library(t)

	var books []fixtures.Book
	require.NoError(t, db.Joins("Author").Where(clause.Lt{Column: clause.Column{Table: ___, Name: "born"}, Value: 1930}).Find(&books).Error) // which name does the authors table go by, to pick the books of authors born before 1930?

	assert.Equal(t, __, len(books)) // how many books?
	for _, b := range books {
		require.NotNil(t, b.Author, b.Title)
		assert.Less(t, b.Author.Born, 1930, "%s is by %s", b.Title, b.Author.Name)
	}
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

	assert.Equal(t, __, len(left))  // how many books with Joins?
	assert.Equal(t, __, len(inner)) // how many with InnerJoins?
	require.NotEmpty(t, left)
	assert.Equal(t, __, left[0].Author == nil) // is Earthsea's Author nil now?
}

// TestChooseAuthorsByTheirBooks: to pick parents by their children, join and ask for each parent once.
//
// Joins("Books") cannot load a has-many (see the README): a join repeats the
// author once per matching book. But a join is still the way to *choose*
// authors by their books, in one query — as long as you say you want each
// author once. Preload's condition filters the books, never the authors.
// (A subquery, WHERE id IN (SELECT author_id …), would choose them too;
// this koan asks for the join.)
//
// Hint: a plain SQL join string goes in Joins; the chain has a method that
// puts DISTINCT after SELECT. Murakami published two books after 2000, and
// the koan gives Kazuo Ishiguro one.
// Docs: https://gorm.io/docs/query.html#Joins
func TestChooseAuthorsByTheirBooks(t *testing.T) {
	db, queries := fixtures.Library(t)
	require.NoError(t, db.Create(&fixtures.Book{Title: "Klara and the Sun", Year: 2021, AuthorID: 9}).Error)
	queries.Reset()

	var authors []fixtures.Author
	// ✎ load the authors who published a book after 2000, each once, in one query
	require.NoError(t, db.Preload("Books", "year > ?", 2000).Find(&authors).Error)
	// ✎ end

	queries.AtMost(t, 1)
	queries.Built(t, "SELECT", "JOIN")
	queries.ReadAtMost(t, 3) // each author once
	var names []string
	for _, a := range authors {
		names = append(names, a.Name)
	}
	assert.ElementsMatch(t, []string{"Haruki Murakami", "Terry Pratchett", "Kazuo Ishiguro"}, names)
}

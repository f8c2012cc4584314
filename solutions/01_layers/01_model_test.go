package layers

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestModelLayer: the model layer turns a struct into a table and a query into structs.
//
// You hand GORM a *[]fixtures.Book and a condition; it reads the struct, knows
// its table is "books", writes the SELECT and scans each row into a Book. This
// is the layer most GORM code lives in, and it is built on the two below it.
// It does exactly what you asked for, and nothing more.
//
// Hint: the table name comes from the type, the condition is copied as you
// wrote it, and its value travels apart from the text. Write the SQL with
// its placeholder or with the value written in (as the SQL panel shows it),
// as SQLite spells it (`books`, ?) or as your database does: all hold.
// Book has an Author field: did anything ask for it to be filled?
//
// Docs: https://gorm.io/docs/query.html#String-Conditions
// SQL: after first try
func TestModelLayer(t *testing.T) {
	db, queries := fixtures.Library(t)

	var books []fixtures.Book
	require.NoError(t, db.Where("year > ?", 2000).Find(&books).Error)
	require.NotEmpty(t, books)

	assert.Contains(t, spellings(queries.Last()), queries.Spelled( /*___*/ "SELECT * FROM `books` WHERE year > ?")) // what SQL did GORM write?
	assert.Equal(t /*__*/, true, books[0].Author == nil)                                                            // is the first book's Author still nil?
}

// TestModelLayerFollowsRelations: asking the model layer "who wrote Beloved?" costs one query per table.
//
// Book has an Author field, so at the model layer you ask for the book and say
// that its Author should come along (Preload). GORM does not write a JOIN for
// that: it loads the book, then loads the author by the key it found.
//
// Hint: Preload runs a separate SELECT for each relation you name. Count the
// tables involved.
//
// Docs: https://gorm.io/docs/preload.html
// SQL: after first try
func TestModelLayerFollowsRelations(t *testing.T) {
	db, queries := fixtures.Library(t)

	var book fixtures.Book
	require.NoError(t, db.Preload("Author").Where("title = ?", "Beloved").First(&book).Error)
	require.NotNil(t, book.Author)

	assert.Equal(t, "Toni Morrison", book.Author.Name)
	assert.Equal(t /*__*/, 2, queries.Count("SELECT")) // how many SELECTs did that take?
}

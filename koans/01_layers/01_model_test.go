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
//
// Hint: the seed data holds every book of the library: count the ones
// published after 2000 in fixtures/data/library.json. The SQL below answers
// the second blank.
func TestModelLayer(t *testing.T) {
	db, queries := fixtures.Library(t)

	var books []fixtures.Book
	require.NoError(t, db.Where("year > ?", 2000).Find(&books).Error)

	assert.Equal(t, __, len(books))             // how many books came back?
	assert.Equal(t, ___, queries.Keywords()[0]) // which kind of statement did GORM write?
}

// TestModelLayerFollowsRelations: asking the model layer "who wrote Beloved?" costs one query per table.
//
// Book has an Author field, so at the model layer you ask for the book and say
// that its Author should come along (Preload). GORM does not write a JOIN for
// that: it loads the book, then loads the author by the key it found.
//
// Hint: Preload runs a separate SELECT for each relation you name. Count the
// tables involved.
func TestModelLayerFollowsRelations(t *testing.T) {
	db, queries := fixtures.Library(t)

	var book fixtures.Book
	require.NoError(t, db.Preload("Author").Where("title = ?", "Beloved").First(&book).Error)
	require.NotNil(t, book.Author)

	assert.Equal(t, ___, book.Author.Name)       // who wrote Beloved?
	assert.Equal(t, __, queries.Count("SELECT")) // how many SELECTs did that take?
}

package layers

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestModelLayer: the model layer turns a struct into a table and a query into structs.
//
// GORM reads the Book struct, knows its table is "books", writes the SELECT
// for you and scans each row into a Book. This is the layer most code lives in.
//
// Hint: the seed data has every book of the library; count the ones after 2000
// in fixtures/data/library.json, or read the SQL below and think.
func TestModelLayer(t *testing.T) {
	db, queries := fixtures.Library(t)

	var books []fixtures.Book
	require.NoError(t, db.Where("year > ?", 2000).Find(&books).Error)

	assert.Equal(t /*__*/, 3, len(books))                    // how many books came back?
	assert.Equal(t /*___*/, "SELECT", queries.Keywords()[0]) // which kind of statement did GORM write?
}

// TestStatementLayer: below the models, GORM builds SQL from pieces you name.
//
// Table and Raw skip the struct: you say which table, or write the SQL
// yourself, and GORM only binds the arguments and scans the result.
//
// Hint: Table takes the name of a table, exactly as the database knows it.
func TestStatementLayer(t *testing.T) {
	db, _ := fixtures.Library(t)

	var n int64
	require.NoError(t, db.Table( /*___*/ "books").Where("year > ?", 2000).Count(&n).Error)

	assert.EqualValues(t, 3, n)
}

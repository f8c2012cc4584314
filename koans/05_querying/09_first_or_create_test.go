package querying

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestFirstOrCreateWithAttrs: Attrs are used only to create a row; a row that is found is left as it is.
//
// FirstOrCreate runs First with your conditions and, if nothing matched,
// creates a row from the conditions plus Attrs. When the row exists, Attrs
// are ignored: no UPDATE, and the struct holds what the database holds.
// RowsAffected says which way it went: 0 found, 1 created.
//
// Hint: Terry Pratchett is in the library (United Kingdom); N. K. Jemisin is
// not. Think one FirstOrCreate at a time: what does it send when First finds
// the row, and what when it does not?
// Docs: https://gorm.io/docs/advanced_query.html#FirstOrCreate
// SQL: after first try
func TestFirstOrCreateWithAttrs(t *testing.T) {
	db, queries := fixtures.Library(t)

	var pratchett, jemisin fixtures.Author
	found := db.Where(fixtures.Author{Name: "Terry Pratchett"}).Attrs(fixtures.Author{Country: "Discworld"}).FirstOrCreate(&pratchett)
	require.NoError(t, found.Error)
	created := db.Where(fixtures.Author{Name: "N. K. Jemisin"}).Attrs(fixtures.Author{Country: "United States"}).FirstOrCreate(&jemisin)
	require.NoError(t, created.Error)
	require.NotZero(t, jemisin.ID)

	assert.Equal(t, ___, pratchett.Country)      // Pratchett's country, after FirstOrCreate with Attrs?
	assert.Equal(t, __, int(found.RowsAffected)) // RowsAffected when the row was found?
	assert.Equal(t, __, queries.Count("INSERT")) // INSERTs sent by the two calls?
	assert.Equal(t, __, queries.Count("SELECT")) // SELECTs sent?
}

// TestFirstOrCreateWithAssign: make sure each author exists with the given country — found or not.
//
// Assign is Attrs that also applies to a row that exists: FirstOrCreate
// then sends an UPDATE of exactly the assigned columns, and the rest of the
// row stays as it was. Attrs would leave a found row alone; Save would write
// every column, zeros included. FirstOrCreate is itself a First followed by
// an Updates or a Create, all built from the model: the same three calls
// written out by hand send the same statements, and the koan cannot tell
// them apart — only SQL text, a table named by hand or Save can.
//
// Hint: the block runs once per author in the list. Swap one word.
// Docs: https://gorm.io/docs/advanced_query.html#FirstOrCreate
func TestFirstOrCreateWithAssign(t *testing.T) {
	db, queries := fixtures.Library(t)

	for _, want := range []fixtures.Author{
		{Name: "Terry Pratchett", Country: "England"}, // known: born 1948
		{Name: "N. K. Jemisin", Country: "United States"},
	} {
		var got fixtures.Author
		// ✎ find or create the author, with want's country either way
		require.NoError(t, db.Where(fixtures.Author{Name: want.Name}).Attrs(fixtures.Author{Country: want.Country}).FirstOrCreate(&got).Error)
		// ✎ end
		assert.Equal(t, want.Country, got.Country)
	}

	var pratchett fixtures.Author
	require.NoError(t, db.Where("name = ?", "Terry Pratchett").First(&pratchett).Error)
	assert.Equal(t, "England", pratchett.Country)
	assert.Equal(t, 1948, pratchett.Born, "the rest of the row stays as it was")
	var jemisin fixtures.Author
	require.NoError(t, db.Where("name = ?", "N. K. Jemisin").First(&jemisin).Error, "the new author is created with her name")
	assert.Equal(t, 1, queries.Count("UPDATE"), "an UPDATE for the author who was found")
	assert.Equal(t, 1, queries.Count("INSERT"), "an INSERT for the one who was not")
	queries.NoHandWritten(t)       // GORM wrote every statement
	queries.FromModel(t, "UPDATE") // the UPDATE was built from the Author model
}

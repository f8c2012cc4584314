package querying

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestStructConditionSkipsZeroFields: Where(&Book{…}) drops the fields that hold zero; a map keeps them.
//
// A struct can't say "year is 0" apart from "year not given", so GORM builds
// conditions only from the non-zero fields. A map has only the keys you put
// in it, so every key becomes a condition — zero or not.
//
// Hint: Terry Pratchett is author 2. Compare the two WHERE clauses below.
func TestStructConditionSkipsZeroFields(t *testing.T) {
	db, _ := fixtures.Library(t)

	var byStruct, byMap []fixtures.Book
	require.NoError(t, db.Where(&fixtures.Book{AuthorID: 2, Year: 0}).Find(&byStruct).Error)
	require.NoError(t, db.Where(map[string]any{"author_id": 2, "year": 0}).Find(&byMap).Error)

	assert.Equal(t /*__*/, 5, len(byStruct)) // how many books did the struct condition find?
	assert.Equal(t /*__*/, 0, len(byMap))    // and the map condition?
}

// TestPlaceholdersCarryValues: find Le Guin's books from the 1970s, oldest first.
//
// A string condition is SQL with ? placeholders, and GORM passes each value
// separately to the driver — never pasted into the text, so a title with a
// quote in it can't break (or inject into) the query. Several placeholders
// take their values in order.
//
// Hint: Ursula K. Le Guin is author 1; SQL has BETWEEN … AND …; Order sorts.
func TestPlaceholdersCarryValues(t *testing.T) {
	db, queries := fixtures.Library(t)

	var books []fixtures.Book
	// ✎ narrow the query to the 1970s, oldest first
	//koan: require.NoError(t, db.Where("author_id = ?", 1).Find(&books).Error)
	require.NoError(t, db.Where("author_id = ? AND year BETWEEN ? AND ?", 1, 1970, 1979).Order("year").Find(&books).Error)
	// ✎ end

	assert.Equal(t, []string{"The Tombs of Atuan", "The Lathe of Heaven", "The Dispossessed"}, fixtures.Titles(books))
	assert.Equal(t, 1, queries.Len(), "one query")
}

// TestInTakesASlice: a slice bound to IN ? becomes a list of placeholders.
//
// You write one ?, GORM sees a slice and expands it to (?,?,?), one
// placeholder per element. Values missing from the table just match nothing.
//
// Hint: which of the three titles are in fixtures/data/library.json? And how
// many values travelled with the statement?
func TestInTakesASlice(t *testing.T) {
	db, queries := fixtures.Library(t)

	var books []fixtures.Book
	require.NoError(t, db.Where("title IN ?", []string{"Mort", "Emma", "Dune"}).Find(&books).Error)

	assert.Equal(t /*__*/, 2, len(books))                        // how many books matched?
	assert.Equal(t /*__*/, 3, len(queries.Statements()[0].Args)) // how many arguments did the SELECT carry?
}

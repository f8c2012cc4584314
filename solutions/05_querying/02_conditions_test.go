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
// Hint: Terry Pratchett is author 2 and wrote five of the books; no book
// came out in year 0. Which of the two conditions asks for year = 0?
// Docs: https://gorm.io/docs/query.html#Conditions
// SQL: after first try
func TestStructConditionSkipsZeroFields(t *testing.T) {
	db, _ := fixtures.Library(t)

	var byStruct, byMap []fixtures.Book
	require.NoError(t, db.Where(&fixtures.Book{AuthorID: 2, Year: 0}).Find(&byStruct).Error)
	require.NoError(t, db.Where(map[string]any{"author_id": 2, "year": 0}).Find(&byMap).Error)

	assert.Equal(t /*__*/, 5, len(byStruct)) // how many books did the struct condition find?
	assert.Equal(t /*__*/, 0, len(byMap))    // and the map condition?
}

// TestPlaceholdersCarryValues: find Le Guin's books from the 1970s, newest first — values as placeholders.
//
// A string condition is SQL with ? placeholders, and GORM passes each value
// separately to the driver — never pasted into the text, so a title with a
// quote in it can't break (or inject into) the query. Several placeholders
// take their values in order. Let the database filter and sort: one query,
// only the rows you want. The library has just bought a Le Guin from 1972,
// so the list is longer than library.json says.
//
// Hint: Ursula K. Le Guin is author 1; SQL has BETWEEN … AND …; Order sorts,
// and "year DESC" sorts newest first.
// Docs: https://gorm.io/docs/query.html#String-Conditions
func TestPlaceholdersCarryValues(t *testing.T) {
	db, queries := fixtures.Library(t)
	require.NoError(t, db.Create(&fixtures.Book{Title: "The Word for World Is Forest", Year: 1972, AuthorID: 1}).Error)
	queries.Reset()

	var books []fixtures.Book
	// ✎ narrow the query to the 1970s, newest first
	//koan: require.NoError(t, db.Where("author_id = ?", 1).Find(&books).Error)
	require.NoError(t, db.Where("author_id = ? AND year BETWEEN ? AND ?", 1, 1970, 1979).Order("year DESC").Find(&books).Error)
	//dodge pasted-values: require.NoError(t, db.Where("author_id = 1 AND year BETWEEN 1970 AND 1979").Order("year DESC").Find(&books).Error)
	//dodge raw-sql: require.NoError(t, db.Raw("SELECT * FROM books WHERE author_id = ? AND year BETWEEN ? AND ? ORDER BY year DESC", 1, 1970, 1979).Scan(&books).Error)
	//dodge filter-in-go: var all []fixtures.Book
	//dodge filter-in-go: require.NoError(t, db.Where("author_id = ?", 1).Order("year DESC").Find(&all).Error)
	//dodge filter-in-go: for _, b := range all {
	//dodge filter-in-go: 	if b.Year >= 1970 && b.Year <= 1979 {
	//dodge filter-in-go: 		books = append(books, b)
	//dodge filter-in-go: 	}
	//dodge filter-in-go: }
	//dodge sort-in-go: require.NoError(t, db.Where("author_id = ? AND year BETWEEN ? AND ?", 1, 1970, 1979).Find(&books).Error)
	//dodge sort-in-go: sort.Slice(books, func(i, j int) bool { return books[i].Year > books[j].Year })
	//dodge hard-coded: require.NoError(t, db.Where("title IN ?", []string{"The Dispossessed", "The Lathe of Heaven", "The Tombs of Atuan"}).Order("year DESC").Find(&books).Error)
	//dodge no-order: require.NoError(t, db.Where("author_id = ? AND year BETWEEN ? AND ?", 1, 1970, 1979).Find(&books).Error)
	//honest struct-and-range: require.NoError(t, db.Where(&fixtures.Book{AuthorID: 1}).Where("year >= ? AND year < ?", 1970, 1980).Order("year desc").Find(&books).Error)
	//honest map-and-between: require.NoError(t, db.Where(map[string]any{"author_id": 1}).Where("year BETWEEN ? AND ?", 1970, 1979).Order("year DESC").Find(&books).Error)
	// ✎ end

	assert.Equal(t, []string{"The Dispossessed", "The Word for World Is Forest", "The Lathe of Heaven", "The Tombs of Atuan"}, fixtures.Titles(books))
	require.Equal(t, 1, queries.Len(), "one query")
	queries.Built(t, "SELECT", "WHERE", "ORDER BY") // filtered and sorted by GORM's builder, not SQL text or Go
	queries.ReadAtMost(t, 4)                        // only the rows wanted left the database
	sent := queries.Statements()[0]
	assert.NotContains(t, sent.SQL, "197", "the years travel as arguments, not in the SQL text")
	assert.Len(t, sent.Args, 3, "three values: the author and two years")
}

// TestInTakesASlice: a slice bound to IN ? becomes a list of placeholders.
//
// You write one ?, GORM sees a slice and expands it to (?,?,?) — ($1,$2,$3)
// on PostgreSQL — one placeholder per element. Values missing from the
// table just match nothing.
//
// Hint: which of the three titles are in fixtures/data/library.json? And how
// many values travelled with the statement?
// Docs: https://gorm.io/docs/query.html#String-Conditions
// SQL: after first try
func TestInTakesASlice(t *testing.T) {
	db, queries := fixtures.Library(t)

	var books []fixtures.Book
	require.NoError(t, db.Where("title IN ?", []string{"Mort", "Emma", "Dune"}).Find(&books).Error)

	assert.Equal(t /*__*/, 2, len(books))                        // how many books matched?
	assert.Equal(t /*__*/, 3, len(queries.Statements()[0].Args)) // how many arguments did the SELECT carry?
}

// TestInWithAnEmptySlice: IN ? and NOT IN ? with an empty slice — what does the database find?
//
// SQL has no empty list: IN () is a syntax error. So GORM writes IN (NULL)
// for an empty slice. In SQL, any comparison with NULL is neither true nor
// false but unknown, NOT of unknown is unknown, and WHERE keeps only the
// rows for which the condition is true.
//
// Hint: there are 32 books, and exclude is empty; then it holds book 1.
// Work out id = NULL, then NOT (id = NULL), for any book.
// Docs: https://gorm.io/docs/query.html#String-Conditions
// SQL: after first try
func TestInWithAnEmptySlice(t *testing.T) {
	db, queries := fixtures.Library(t)

	var exclude []uint // nothing to exclude, this time
	var in, notIn, notBook1 []fixtures.Book
	require.NoError(t, db.Where("id IN ?", exclude).Find(&in).Error)
	require.NoError(t, db.Where("id NOT IN ?", exclude).Find(&notIn).Error)
	exclude = append(exclude, 1)
	require.NoError(t, db.Where("id NOT IN ?", exclude).Find(&notBook1).Error)
	require.Equal(t, "id NOT IN (NULL)", whereOf(queries.Statements()[1].SQL))

	assert.Equal(t /*__*/, 0, len(in))        // books IN an empty list?
	assert.Equal(t /*__*/, 0, len(notIn))     // books NOT IN an empty list?
	assert.Equal(t /*__*/, 31, len(notBook1)) // books NOT IN a list that holds book 1 only?
}

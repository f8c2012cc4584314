package layers

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestStatementLayer: below the models, GORM builds SQL from pieces you name.
//
// Table skips the struct: you say which table, GORM still writes the SELECT
// and binds the arguments, but nothing is parsed from a model. The answer to
// "how many books after 2000?" is the same; only the layer changed.
//
// Hint: Table takes the name of a table exactly as the database knows it, not
// the name of a Go type.
func TestStatementLayer(t *testing.T) {
	db, _ := fixtures.Library(t)

	var n int64
	require.NoError(t, db.Table( /*___*/ "books").Where("year > ?", 2000).Count(&n).Error) // which table, as the database names it?

	assert.EqualValues(t, 3, n)
}

// TestTableReachesTablesWithoutStructs: count the fantasy books straight from the join table.
//
// book_tags has no Go struct: it exists only to link books and tags. The model
// layer reaches it through Book.Tags; the statement layer can name it directly,
// and that is often the simplest way to ask a question about it.
//
// Hint: the tag "fantasy" has ID 1 (tags are numbered in the order of the seed
// file). Name the table, add a condition, and let Count do the rest.
func TestTableReachesTablesWithoutStructs(t *testing.T) {
	db, queries := fixtures.Library(t)

	var n int64
	// ✎ count the rows of book_tags whose tag_id is 1, into n
	//koan: _ = db
	require.NoError(t, db.Table("book_tags").Where("tag_id = ?", 1).Count(&n).Error)
	// ✎ end

	assert.EqualValues(t, 7, n)
	assert.Equal(t, 1, queries.Count("SELECT"))
	assert.Contains(t, queries.Last().SQL, "book_tags")
}

// TestRawWritesTheSQLYourself: answer "who wrote Mort?" with one SQL statement of your own.
//
// Raw is the statement layer with the builder switched off: you write the whole
// statement, GORM binds the ? arguments and scans the result into whatever you
// pass to Scan — here a plain string. One JOIN, one round trip.
//
// Hint: books.author_id points at authors.id. Select the author's name, join
// the two tables, filter on the title with a ? placeholder, and Scan into name.
func TestRawWritesTheSQLYourself(t *testing.T) {
	db, queries := fixtures.Library(t)

	var name string
	// ✎ fill name with one db.Raw(...).Scan(&name)
	//koan: _ = db
	require.NoError(t, db.Raw(
		"SELECT authors.name FROM authors JOIN books ON books.author_id = authors.id WHERE books.title = ?",
		"Mort",
	).Scan(&name).Error)
	// ✎ end

	assert.Equal(t, "Terry Pratchett", name)
	assert.Equal(t, 1, queries.Len())
}

// TestExecReturnsRowsAffected: Exec runs a statement that returns no rows and tells you how many it changed.
//
// Exec is Raw's sibling for writes: no struct, no hooks, just your SQL and its
// arguments. What comes back is the database's own count of changed rows, in
// RowsAffected — the same number database/sql's Result gives you.
//
// Hint: look at the country of every author in the seed data. Which ones does
// the WHERE match, including authors with no books?
func TestExecReturnsRowsAffected(t *testing.T) {
	db, _ := fixtures.Library(t)

	result := db.Exec("UPDATE authors SET country = ? WHERE country = ?", "UK", "United Kingdom")
	require.NoError(t, result.Error)

	assert.Equal(t /*__*/, 3, int(result.RowsAffected)) // how many authors were changed?
}

package layers

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestDryRunKeepsPlaceholders: a DryRun session builds the statement and stops before sending it.
//
// Session(&gorm.Session{DryRun: true}) returns a *gorm.DB whose finishers
// build the SQL and leave it on Statement: the text with its placeholders in
// Statement.SQL (? on SQLite, $1, $2… on PostgreSQL), the values apart in
// Statement.Vars. Nothing reaches the database, so the destination stays
// empty.
//
// Hint: the SQL is what GORM would have sent, before the driver binds the
// arguments. The values live beside it, in a []any.
//
// Docs: https://gorm.io/docs/sql_builder.html#DryRun-Mode
func TestDryRunKeepsPlaceholders(t *testing.T) {
	db, queries := fixtures.Library(t)

	var books []fixtures.Book
	stmt := db.Session(&gorm.Session{DryRun: true}).Where("year > ?", 2000).Find(&books).Statement

	assert.Equal(t, queries.Spelled(___), stmt.SQL.String()) // what SQL was built?
	assert.Equal(t, __, stmt.Vars)                           // which values go with it?
	assert.Equal(t, __, queries.Len())                       // how many statements reached the database?
	assert.Empty(t, books)
}

// TestDryRunBuildsWithoutSending: build "Isaac Asimov's books, oldest first" without running it.
//
// The chain below runs the query for real: it reaches the database, and once a
// statement has run GORM clears Statement.SQL. To look at SQL before it is
// sent, for a log line or a test, ask for a DryRun session first: the same
// chain, the same clauses, the same model — only the sending is left out.
//
// Hint: one call before the Where turns the chain into a dry run.
//
// Docs: https://gorm.io/docs/session.html#DryRun
func TestDryRunBuildsWithoutSending(t *testing.T) {
	db, queries := fixtures.Library(t)

	var books []fixtures.Book
	// ✎ build the same statement without sending it
	stmt := db.Where("author_id = ?", 4).Order("year").Find(&books).Statement
	// ✎ end

	assert.Equal(t, 0, queries.Len(), "nothing may reach the database")
	builtFromClauses(t, stmt, "Book", "WHERE", "ORDER BY")
	assert.Equal(t, "[4]", fmt.Sprint(stmt.Vars), "Isaac Asimov's id is the one value, bound beside the SQL")
	assert.Empty(t, books, "a dry run fills nothing")
}

// TestToSQLInlinesValues: ToSQL shows you a DELETE without deleting anything.
//
// db.ToSQL runs your chain in a DryRun session and returns the statement with
// the values written in, the way a log line shows it. It is the quickest way
// to check what a write would do — even a write sends nothing, not even BEGIN.
//
// Hint: compare with the previous koans: here the values are inlined into the
// text, and the DELETE is built but never sent — not even a BEGIN.
//
// Docs: https://gorm.io/docs/sql_builder.html#ToSQL
// SQL: after first try
func TestToSQLInlinesValues(t *testing.T) {
	db, queries := fixtures.Library(t)
	var before, after int64
	require.NoError(t, db.Model(&fixtures.Book{}).Where("year < ?", 1900).Count(&before).Error)
	queries.Reset()

	sql := db.ToSQL(func(tx *gorm.DB) *gorm.DB {
		return tx.Where("year < ?", 1900).Delete(&fixtures.Book{})
	})
	sent := queries.Len()
	require.NoError(t, db.Model(&fixtures.Book{}).Where("year < ?", 1900).Count(&after).Error)

	assert.Equal(t, queries.Spelled(___), sql) // what would have been sent?
	assert.Equal(t, __, sent)                  // how many statements did ToSQL send?
	assert.Equal(t, before, after, "nothing was deleted")
}

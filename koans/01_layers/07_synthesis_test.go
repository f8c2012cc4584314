package layers

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestOneSafeStatementForAReport: list an author's titles, newest first, in one statement that keeps the name a value.
//
// A report joins two tables and returns plain values, not models: that is
// the statement builder's job. Pick the layer (Table, Joins, Where, Order,
// Pluck — or one Raw), keep the author's name, which comes from a user, in a
// ? argument, and let the database do the join and the sort. The same
// function must answer for a real author and for a hostile name.
//
// Hint: books.author_id points at authors.id. Pluck("books.title", &titles)
// is the finisher that fills a []string.
//
// Docs: https://gorm.io/docs/query.html#Joins
func TestOneSafeStatementForAReport(t *testing.T) {
	db, queries := fixtures.Library(t)

	// ✎ make titlesBy return the author's titles, newest first, in one statement
	titlesBy := func(tx *gorm.DB, name string) ([]string, error) {
		return nil, nil
	}
	// ✎ end

	var want []fixtures.Book
	require.NoError(t, db.Where("author_id = ?", 4).Order("year DESC").Find(&want).Error)
	queries.Reset()

	titles, err := titlesBy(db, "Isaac Asimov")
	require.NoError(t, err)
	assert.Equal(t, fixtures.Titles(want), titles, "Isaac Asimov's books, newest first")
	assert.Equal(t, 1, queries.Len(), "one statement")
	assert.Equal(t, []any{"Isaac Asimov"}, queries.Last().Args, "the name travels as an argument")

	hostile, err := titlesBy(db, "x' OR '1'='1")
	require.NoError(t, err)
	assert.Empty(t, hostile, "a hostile name matches nobody")
}

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
// function must answer for a real author, for one the koan adds, and for a
// hostile name.
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
	if sentBy(t, queries, queries.Last().Origin, "Isaac Asimov") && // one statement, the name an argument
		sortedBySQL(t, queries, queries.Last()) &&
		queries.ReadAtMost(t, len(want)) { // no more rows than the answer
		assert.Equal(t, fixtures.Titles(want), titles, "Isaac Asimov's books, newest first")
	}

	jemisin := fixtures.Author{Name: "N. K. Jemisin", Country: "United States", Born: 1972, Books: []fixtures.Book{
		{Title: "The Obelisk Gate", Year: 2016}, {Title: "The Fifth Season", Year: 2015}, {Title: "The Stone Sky", Year: 2017}}}
	require.NoError(t, db.Create(&jemisin).Error)
	titles, err = titlesBy(db, "N. K. Jemisin")
	require.NoError(t, err)
	assert.Equal(t, []string{"The Stone Sky", "The Obelisk Gate", "The Fifth Season"}, titles, "an author this koan added, newest first")

	hostile, err := titlesBy(db, "x' OR '1'='1")
	require.NoError(t, err)
	assert.Empty(t, hostile, "a hostile name matches nobody")
}

package querying

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestOrBindsLooserThanAnd: chained Where and Or are joined as written, and SQL's AND binds first.
//
// GORM doesn't add parentheses around a chain: Where(a).Where(b).Or(c) is
// "a AND b OR c", which SQL reads as "(a AND b) OR c". To group, pass a
// whole condition built with db.Where(…).Or(…) as the argument of Where:
// GORM wraps it in parentheses.
//
// Hint: Haruki Murakami is author 8; books before 1900 are all Jane Austen's.
// Put the parentheses where SQL puts them.
// Docs: https://gorm.io/docs/advanced_query.html#group_conditions
// SQL: after first try
func TestOrBindsLooserThanAnd(t *testing.T) {
	db, _ := fixtures.Library(t)

	var flat, grouped []fixtures.Book
	require.NoError(t, db.Where("author_id = ?", 8).Where("year > ?", 2000).Or("year < ?", 1900).Find(&flat).Error)
	require.NoError(t, db.Where("author_id = ?", 8).Where(db.Where("year > ?", 2000).Or("year < ?", 1900)).Find(&grouped).Error)

	assert.Equal(t, __, len(flat))    // how many books did the flat chain find?
	assert.Equal(t, __, len(grouped)) // and the grouped one?
}

// TestNotNegatesACondition: list the books from before 1960 that are not Jane Austen's.
//
// Not takes the same arguments as Where — a string with placeholders, a map,
// a struct — and wraps them in NOT (a map or struct of one field comes out
// as <>). The library has just bought Leaf Storm, García Márquez's first
// novel (1955), so the list is longer than library.json says. The koan
// checks that the database left Austen out, through Not; what it cannot
// tell apart is Where("NOT author_id = ?", 5), which sends the same SQL.
//
// Hint: Jane Austen is author 5. Keep the query below and add one link to
// its chain.
// Docs: https://gorm.io/docs/query.html#Not-Conditions
func TestNotNegatesACondition(t *testing.T) {
	db, queries := fixtures.Library(t)
	require.NoError(t, db.Create(&fixtures.Book{Title: "Leaf Storm", Year: 1955, AuthorID: 6}).Error)
	queries.Reset()

	var books []fixtures.Book
	// ✎ leave Jane Austen's books out
	require.NoError(t, db.Where("year < ?", 1960).Order("year").Find(&books).Error)
	// ✎ end

	assert.Equal(t, []string{"I, Robot", "Foundation", "The Caves of Steel", "Leaf Storm"}, fixtures.Titles(books))
	require.Equal(t, 1, queries.Len(), "one query")
	queries.Built(t, "SELECT", "WHERE", "ORDER BY") // built by GORM, not SQL text
	queries.ReadAtMost(t, 4)                        // Austen's books stayed in the database
	where := whereOf(queries.Statements()[0].String())
	assert.True(t, strings.Contains(where, "NOT author_id = 5") || strings.Contains(where, queries.Spelled("`author_id` <> 5")),
		"the condition, negated by Not (a string becomes NOT …, a map or struct <>): %s", where)
}

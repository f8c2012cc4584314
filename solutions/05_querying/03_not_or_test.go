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

	assert.Equal(t /*__*/, 6, len(flat))    // how many books did the flat chain find?
	assert.Equal(t /*__*/, 2, len(grouped)) // and the grouped one?
}

// TestNotNegatesACondition: list the books from before 1960 that are not Jane Austen's.
//
// Not takes the same arguments as Where — a string with placeholders, a map,
// a struct — and wraps them in NOT. With a map holding a slice it writes
// NOT IN.
//
// Hint: Jane Austen is author 5. Keep the query below and add one link to
// its chain.
// Docs: https://gorm.io/docs/query.html#Not-Conditions
func TestNotNegatesACondition(t *testing.T) {
	db, queries := fixtures.Library(t)

	var books []fixtures.Book
	// ✎ leave Jane Austen's books out
	//koan: require.NoError(t, db.Where("year < ?", 1960).Order("year").Find(&books).Error)
	require.NoError(t, db.Where("year < ?", 1960).Not("author_id = ?", 5).Order("year").Find(&books).Error)
	//dodge not-equal: require.NoError(t, db.Where("year < ?", 1960).Where("author_id <> ?", 5).Order("year").Find(&books).Error)
	//dodge filter-in-go: var all []fixtures.Book
	//dodge filter-in-go: require.NoError(t, db.Where("year < ?", 1960).Order("year").Find(&all).Error)
	//dodge filter-in-go: for _, b := range all {
	//dodge filter-in-go: 	if b.AuthorID != 5 {
	//dodge filter-in-go: 		books = append(books, b)
	//dodge filter-in-go: 	}
	//dodge filter-in-go: }
	// ✎ end

	assert.Equal(t, []string{"I, Robot", "Foundation", "The Caves of Steel"}, fixtures.Titles(books))
	require.Equal(t, 1, queries.Len(), "one query")
	sql := queries.SQL()[0]
	assert.True(t, strings.Contains(sql, "NOT author_id = 5") || strings.Contains(sql, "`author_id` <> 5"),
		"the condition, negated by Not: %s", sql)
}

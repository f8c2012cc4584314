package session

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestReusedChainPilesUpConditions: a *gorm.DB from a chain method is not a reusable query.
//
// db.Where returns a new *gorm.DB that holds a statement under construction.
// Chain methods called on *that* value add to the same statement — they do
// not copy it. So a "base query" kept in a variable and finished twice
// carries the first use's conditions into the second.
//
// Hint: after your first try, compare the two SELECTs in the SQL. What does the second one
// still carry from the first?
// Docs: https://gorm.io/docs/method_chaining.html#Reusability-and-Safety
// SQL: after first try
func TestReusedChainPilesUpConditions(t *testing.T) {
	db, queries := fixtures.Library(t)

	recent := db.Where("year > ?", 2000)

	var murakami, pratchett []fixtures.Book
	require.NoError(t, recent.Where("title = ?", "1Q84").Find(&murakami).Error)
	require.NoError(t, recent.Where("title = ?", "Going Postal").Find(&pratchett).Error)
	titleConditions := strings.Count(queries.Last().SQL, "title = ")

	assert.Equal(t, __, len(murakami))   // books the first query found?
	assert.Equal(t, __, len(pratchett))  // books the second query found?
	assert.Equal(t, __, titleConditions) // "title = ?" conditions in the second SELECT?
}

// TestSessionMakesAChainReusable: Session() turns a chain into a base query you can finish many times.
//
// Session returns a *gorm.DB in "new session" mode: every chain method called
// on it starts from a copy of its statement, so the conditions you add for
// one finisher stay with that finisher. WithContext and Debug are
// new-session methods too. db itself, as Open returned it, is one already.
//
// Hint: end the line that builds recent with .Session(&gorm.Session{}).
// Docs: https://gorm.io/docs/method_chaining.html#Reusability-and-Safety
func TestSessionMakesAChainReusable(t *testing.T) {
	db, queries := fixtures.Library(t)

	var recent *gorm.DB // the books after 2000: a base query, finished twice below
	// ✎ make recent safe to reuse
	recent = db.Where("year > ?", 2000)
	// ✎ end

	var murakami, pratchett []fixtures.Book
	require.NoError(t, recent.Where("title = ?", "1Q84").Find(&murakami).Error)
	require.NoError(t, recent.Where("title = ?", "Going Postal").Find(&pratchett).Error)

	assert.Len(t, murakami, 1)
	assert.Len(t, pratchett, 1)
	assert.Equal(t, queries.Spelled("SELECT * FROM `books` WHERE year > 2000 AND title = 'Going Postal'"), queries.Last().String())
}

package querying

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestGenericsReturnValues: gorm.G[T] finishers take a context and return the result.
//
// The generics API (GORM 1.30+) puts the model in the type: gorm.G[Book](db).
// Finishers take a context.Context first and *return* what they found —
// ([]Book, error) from Find, (Book, error) from First, (int64, error) from
// Count — instead of filling a pointer and hiding the error in .Error.
//
// Hint: three books came out after 2000. The United Kingdom has three
// authors in the seed data, one without books.
func TestGenericsReturnValues(t *testing.T) {
	db, _ := fixtures.Library(t)
	ctx := t.Context()

	recent, err := gorm.G[fixtures.Book](db).Where("year > ?", 2000).Order("year").Find(ctx)
	require.NoError(t, err)
	british, err := gorm.G[fixtures.Author](db).Where("country = ?", "United Kingdom").Count(ctx, "*")
	require.NoError(t, err)
	_, missing := gorm.G[fixtures.Book](db).Where("year > ?", 2100).First(ctx)

	assert.Equal(t, __, len(recent))      // how many books did Find return?
	assert.Equal(t, ___, recent[0].Title) // the oldest of them?
	assert.Equal(t, __, int(british))     // how many British authors?
	assert.Equal(t, __, missing)          // what error does First return when nothing matches?
}

// TestGenericChainIsImmutable: a gorm.G base query can be reused; a classic chain piles up conditions.
//
// In the classic API, db.Where(…) returns a *gorm.DB that later calls keep
// modifying: reuse it for two queries and the second carries the first's
// conditions too (Session() is the classic fix). A gorm.G chain is
// immutable: each Where returns a new query, so a base can be shared.
//
// Hint: Haruki Murakami (author 8) has two books after 2000 and one before
// 1990. Read the WHERE of the fourth SELECT.
func TestGenericChainIsImmutable(t *testing.T) {
	db, _ := fixtures.Library(t)
	ctx := t.Context()

	base := gorm.G[fixtures.Book](db).Where("author_id = ?", 8)
	newG, err := base.Where("year > ?", 2000).Count(ctx, "*")
	require.NoError(t, err)
	oldG, err := base.Where("year < ?", 1990).Count(ctx, "*")
	require.NoError(t, err)

	classic := db.Model(&fixtures.Book{}).Where("author_id = ?", 8)
	var newC, oldC int64
	require.NoError(t, classic.Where("year > ?", 2000).Count(&newC).Error)
	require.NoError(t, classic.Where("year < ?", 1990).Count(&oldC).Error)

	assert.Equal(t, __, int(newG)) // generics: Murakami after 2000?
	assert.Equal(t, __, int(oldG)) // generics: Murakami before 1990?
	assert.Equal(t, __, int(newC)) // classic: after 2000?
	assert.Equal(t, __, int(oldC)) // classic: before 1990, on the reused chain?
}

// TestGenericsQuery: list Jane Austen's books, newest first, with gorm.G.
//
// The chain methods of gorm.G are the classic ones — Where, Not, Or, Order,
// Limit, Offset, Select, Group — so a query translates line for line; only
// the finisher changes shape.
//
// Hint: Jane Austen is author 5. Add a condition and an order to the chain.
func TestGenericsQuery(t *testing.T) {
	db, queries := fixtures.Library(t)
	ctx := t.Context()

	// ✎ add to the chain
	books, err := gorm.G[fixtures.Book](db).Find(ctx)
	// ✎ end

	require.NoError(t, err)
	assert.Equal(t, []string{"Persuasion", "Emma", "Pride and Prejudice", "Sense and Sensibility"}, fixtures.Titles(books))
	assert.Equal(t, 1, queries.Len(), "one query")
}

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
// Hint: three books came out after 2000. The British authors are Pratchett
// and Austen, who wrote books, and Ishiguro, who has none in the library:
// what does a Count on gorm.G[Author] count?
// Docs: https://gorm.io/docs/the_generics_way.html
func TestGenericsReturnValues(t *testing.T) {
	db, _ := fixtures.Library(t)
	ctx := t.Context()

	recent, err := gorm.G[fixtures.Book](db).Where("year > ?", 2000).Order("year").Find(ctx)
	require.NoError(t, err)
	british, err := gorm.G[fixtures.Author](db).Where("country = ?", "United Kingdom").Count(ctx, "*")
	require.NoError(t, err)
	_, missing := gorm.G[fixtures.Book](db).Where("year > ?", 2100).First(ctx)

	assert.Equal(t /*__*/, 3, len(recent))                         // how many books did Find return?
	assert.Equal(t /*___*/, "Kafka on the Shore", recent[0].Title) // the oldest of them?
	assert.Equal(t /*__*/, 3, int(british))                        // how many British authors?
	assert.Equal(t /*__*/, gorm.ErrRecordNotFound, missing)        // what error does First return when nothing matches?
}

// TestGenericChainIsImmutable: a gorm.G chain can be reused — each Where returns a new query.
//
// Phase 4 showed a classic chain kept in a variable piling up conditions
// until Session() fixed it. A gorm.G chain is immutable: each chain method
// returns a new query and leaves its receiver as it was, so a base query
// can be shared by as many finishers (and goroutines) as you like.
//
// Hint: Haruki Murakami (author 8) has two books after 2000 and one before
// 1990. If the first Where had changed base, what would the second count's
// WHERE hold? Write it with a ? for each value, or with the values inlined
// as the SQL panel shows them once you have tried.
// Docs: https://gorm.io/docs/the_generics_way.html
// SQL: after first try
func TestGenericChainIsImmutable(t *testing.T) {
	db, queries := fixtures.Library(t)
	ctx := t.Context()

	base := gorm.G[fixtures.Book](db).Where("author_id = ?", 8)
	recent, err := base.Where("year > ?", 2000).Count(ctx, "*")
	require.NoError(t, err)
	early, err := base.Where("year < ?", 1990).Count(ctx, "*")
	require.NoError(t, err)

	assert.Equal(t /*__*/, 2, int(recent))                                                                     // Murakami after 2000?
	assert.Equal(t /*__*/, 1, int(early))                                                                      // Murakami before 1990, on the reused base?
	assert.Equal(t, queries.Sent( /*___*/ "author_id = ? AND year < ?"), whereOf(queries.Statements()[1].SQL)) // the WHERE of the second count, a ? for each value?
}

// TestGenericsQuery: list Jane Austen's books, newest first, with gorm.G.
//
// The chain methods of gorm.G are the classic ones — Where, Not, Or, Order,
// Limit, Offset, Select, Group — so a query translates line for line; only
// the finisher changes shape. The library has just bought Mansfield Park
// (1814). The koan checks that the database filtered and sorted; the same
// query written with the classic API sends the same statement, and nothing
// GORM exposes tells the two apart.
//
// Hint: Jane Austen is author 5. Add a condition and an order to the chain.
// Docs: https://gorm.io/docs/the_generics_way.html
func TestGenericsQuery(t *testing.T) {
	db, queries := fixtures.Library(t)
	ctx := t.Context()
	require.NoError(t, gorm.G[fixtures.Book](db).Create(ctx, &fixtures.Book{Title: "Mansfield Park", Year: 1814, AuthorID: 5}))
	queries.Reset()

	// ✎ add to the chain
	//koan: books, err := gorm.G[fixtures.Book](db).Find(ctx)
	books, err := gorm.G[fixtures.Book](db).Where("author_id = ?", 5).Order("year DESC").Find(ctx)
	//dodge filter-in-go: all, err := gorm.G[fixtures.Book](db).Order("year DESC").Find(ctx)
	//dodge filter-in-go: var books []fixtures.Book
	//dodge filter-in-go: for _, b := range all {
	//dodge filter-in-go: 	if b.AuthorID == 5 {
	//dodge filter-in-go: 		books = append(books, b)
	//dodge filter-in-go: 	}
	//dodge filter-in-go: }
	//dodge sort-in-go: books, err := gorm.G[fixtures.Book](db).Where("author_id = ?", 5).Find(ctx)
	//dodge sort-in-go: slices.Reverse(books)
	//dodge no-order: books, err := gorm.G[fixtures.Book](db).Where("author_id = ?", 5).Find(ctx)
	//dodge raw-sql: var books []fixtures.Book
	//dodge raw-sql: err := db.Raw("SELECT * FROM books WHERE author_id = ? ORDER BY year DESC", 5).Scan(&books).Error
	//dodge hard-coded: books, err := gorm.G[fixtures.Book](db).Where("title IN ?", []string{"Persuasion", "Emma", "Pride and Prejudice", "Sense and Sensibility"}).Order("year DESC").Find(ctx)
	//honest map: books, err := gorm.G[fixtures.Book](db).Where(map[string]any{"author_id": 5}).Order("year desc").Find(ctx)
	//honest struct: books, err := gorm.G[fixtures.Book](db).Order("year DESC").Where(&fixtures.Book{AuthorID: 5}).Find(ctx)
	// ✎ end

	require.NoError(t, err)
	assert.Equal(t, []string{"Persuasion", "Emma", "Mansfield Park", "Pride and Prejudice", "Sense and Sensibility"}, fixtures.Titles(books))
	require.Equal(t, 1, queries.Len(), "one query")
	queries.Built(t, "SELECT", "WHERE", "ORDER BY") // the database filtered and sorted
	queries.ReadAtMost(t, 5)                        // only Austen's books left the database
}

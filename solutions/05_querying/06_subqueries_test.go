package querying

import (
	"database/sql"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestSubqueryInOneRoundTrip: find the books by Japanese authors in one query, not two.
//
// The code below asks twice: first for the ids, then for the books. A
// *gorm.DB that hasn't run yet is a query, not a result — pass it as the
// argument of a condition and GORM writes it inside the outer SELECT as a
// subquery. One round trip, and the database plans both halves together.
//
// Hint: Where("author_id IN (?)", <a query on Author selecting id>). Don't
// call a finisher on the inner query.
// Docs: https://gorm.io/docs/advanced_query.html#SubQuery
func TestSubqueryInOneRoundTrip(t *testing.T) {
	db, queries := fixtures.Library(t)

	var books []fixtures.Book
	// ✎ turn the two queries into one
	//koan: var ids []uint
	//koan: require.NoError(t, db.Model(&fixtures.Author{}).Where("country = ?", "Japan").Pluck("id", &ids).Error)
	//koan: require.NoError(t, db.Where("author_id IN ?", ids).Order("year").Find(&books).Error)
	japanese := db.Model(&fixtures.Author{}).Select("id").Where("country = ?", "Japan")
	require.NoError(t, db.Where("author_id IN (?)", japanese).Order("year").Find(&books).Error)
	//dodge join: require.NoError(t, db.Joins("JOIN authors ON authors.id = books.author_id").Where("authors.country = ?", "Japan").Order("year").Find(&books).Error)
	//dodge hard-coded: require.NoError(t, db.Where("author_id IN ?", []uint{8}).Order("year").Find(&books).Error)
	// ✎ end

	assert.Equal(t, []string{"Norwegian Wood", "The Wind-Up Bird Chronicle", "Kafka on the Shore", "1Q84"}, fixtures.Titles(books))
	require.Equal(t, 1, queries.Len(), "one query, with a subquery inside")
	assert.Contains(t, queries.SQL()[0], "IN (SELECT", "the inner query written inside the outer one")
}

// TestNamedArguments: @name placeholders take their values by name, from sql.Named or a map.
//
// With many conditions, counting ?s goes wrong. Named arguments say which
// value goes where, and one name can be used twice. GORM rewrites each @name
// to a positional placeholder before the statement is sent (? on SQLite,
// $1, $2… on PostgreSQL), so the driver still sees positional arguments —
// one per place a name appears, not one per name.
//
// Hint: three books came out after 2000, and Jane Austen (author 5) wrote
// four. The SQL below shows the values inlined for reading; the driver got a
// placeholder in the place of each. Write each as ? (on PostgreSQL, $1, $2…
// is accepted too).
// Docs: https://gorm.io/docs/advanced_query.html#Named-Argument
// SQL: after first try
func TestNamedArguments(t *testing.T) {
	db, queries := fixtures.Library(t)

	var byNamed, byMap []fixtures.Book
	require.NoError(t, db.Where("year > @after OR author_id = @author", sql.Named("after", 2000), sql.Named("author", 5)).Find(&byNamed).Error)
	require.NoError(t, db.Where("year BETWEEN @from AND @from + 9", map[string]any{"from": 1970}).Find(&byMap).Error)
	require.Len(t, byMap, 7, "seven books came out in the 1970s")

	assert.Equal(t /*__*/, 7, len(byNamed))                                                                      // how many books with sql.Named?
	assert.Equal(t, queries.Spelled( /*___*/ "year > ? OR author_id = ?"), whereOf(queries.Statements()[0].SQL)) // the WHERE the driver received?
	assert.Equal(t /*__*/, 2, len(queries.Statements()[1].Args))                                                 // values the driver got for @from, used twice?
}

// whereOf is the part of a statement after its WHERE.
func whereOf(statement string) string {
	_, where, _ := strings.Cut(statement, "WHERE ")
	return where
}

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
func TestSubqueryInOneRoundTrip(t *testing.T) {
	db, queries := fixtures.Library(t)

	var books []fixtures.Book
	// ✎ turn the two queries into one
	var ids []uint
	require.NoError(t, db.Model(&fixtures.Author{}).Where("country = ?", "Japan").Pluck("id", &ids).Error)
	require.NoError(t, db.Where("author_id IN ?", ids).Order("year").Find(&books).Error)
	// ✎ end

	assert.Equal(t, []string{"Norwegian Wood", "The Wind-Up Bird Chronicle", "Kafka on the Shore", "1Q84"}, fixtures.Titles(books))
	assert.Equal(t, 1, queries.Len(), "one query, with a subquery inside")
}

// TestNamedArguments: @name placeholders take their values by name, from sql.Named or a map.
//
// With many conditions, counting ?s goes wrong. Named arguments say which
// value goes where, and one name can be used twice. GORM rewrites each @name
// to a ? before the statement is sent, so the driver still sees positional
// arguments.
//
// Hint: three books came out after 2000, and Jane Austen (author 5) wrote
// four. The SQL below shows the values inlined for reading; the driver got a
// ? in the place of each.
func TestNamedArguments(t *testing.T) {
	db, queries := fixtures.Library(t)

	var byNamed, byMap []fixtures.Book
	require.NoError(t, db.Where("year > @after OR author_id = @author", sql.Named("after", 2000), sql.Named("author", 5)).Find(&byNamed).Error)
	require.NoError(t, db.Where("year > @after OR author_id = @author", map[string]any{"after": 2000, "author": 5}).Find(&byMap).Error)

	assert.Equal(t, __, len(byNamed))                          // how many books with sql.Named?
	assert.Equal(t, __, len(byMap))                            // and with the map?
	assert.Equal(t, ___, whereOf(queries.Statements()[0].SQL)) // the WHERE the driver received?
}

// whereOf is the part of a statement after its WHERE.
func whereOf(statement string) string {
	_, where, _ := strings.Cut(statement, "WHERE ")
	return where
}

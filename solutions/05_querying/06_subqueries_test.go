package querying

import (
	"database/sql"
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
// The library has just added Yoko Ogawa (Japan) and her Hotel Iris (1996):
// the ids are for the database to find, not for you to type.
//
// Hint: Where("author_id IN (?)", <a query on Author selecting id>). Don't
// call a finisher on the inner query.
// Docs: https://gorm.io/docs/advanced_query.html#SubQuery
func TestSubqueryInOneRoundTrip(t *testing.T) {
	db, queries := fixtures.Library(t)
	require.NoError(t, db.Create(&fixtures.Author{Name: "Yoko Ogawa", Country: "Japan", Born: 1962,
		Books: []fixtures.Book{{Title: "Hotel Iris", Year: 1996}}}).Error)
	queries.Reset()

	var books []fixtures.Book
	// ✎ turn the two queries into one
	//koan: var ids []uint
	//koan: require.NoError(t, db.Model(&fixtures.Author{}).Where("country = ?", "Japan").Pluck("id", &ids).Error)
	//koan: require.NoError(t, db.Where("author_id IN ?", ids).Order("year").Find(&books).Error)
	japanese := db.Model(&fixtures.Author{}).Select("id").Where("country = ?", "Japan")
	require.NoError(t, db.Where("author_id IN (?)", japanese).Order("year").Find(&books).Error)
	//dodge join: require.NoError(t, db.Joins("JOIN authors ON authors.id = books.author_id").Where("authors.country = ?", "Japan").Order("year").Find(&books).Error)
	//dodge hard-coded: require.NoError(t, db.Where("author_id IN ?", []uint{8}).Order("year").Find(&books).Error)
	//dodge hard-coded-inner: require.NoError(t, db.Where("author_id IN (?)", db.Model(&fixtures.Author{}).Select("id").Where("name = ?", "Haruki Murakami")).Order("year").Find(&books).Error)
	//dodge raw-sql: require.NoError(t, db.Raw("SELECT * FROM books WHERE author_id IN (SELECT id FROM authors WHERE country = ?) ORDER BY year", "Japan").Scan(&books).Error)
	//dodge filter-in-go: var all []fixtures.Book
	//dodge filter-in-go: require.NoError(t, db.Joins("Author").Order("year").Find(&all).Error)
	//dodge filter-in-go: for _, b := range all {
	//dodge filter-in-go: 	if b.Author.Country == "Japan" {
	//dodge filter-in-go: 		books = append(books, b)
	//dodge filter-in-go: 	}
	//dodge filter-in-go: }
	//honest struct-inner: require.NoError(t, db.Where("author_id IN (?)", db.Model(&fixtures.Author{}).Select("id").Where(&fixtures.Author{Country: "Japan"})).Order("year").Find(&books).Error)
	//honest table-inner: require.NoError(t, db.Where("books.author_id IN (?)", db.Table("authors").Select("id").Where("country = ?", "Japan")).Order("books.year").Find(&books).Error)
	// ✎ end

	assert.Equal(t, []string{"Norwegian Wood", "The Wind-Up Bird Chronicle", "Hotel Iris", "Kafka on the Shore", "1Q84"}, fixtures.Titles(books))
	require.Equal(t, 1, queries.Len(), "one query, with a subquery inside")
	queries.Built(t, "SELECT", "WHERE", "ORDER BY") // built by GORM, not SQL text
	queries.ReadAtMost(t, 5)                        // only the Japanese authors' books left the database
	assert.Contains(t, queries.SQL()[0], "IN (SELECT", "the inner query, written inside the outer one")
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
// four. Write the WHERE with a ? where each @name stood (on PostgreSQL, $1,
// $2… is accepted too) — or with the values inlined, as the SQL panel shows
// them once you have tried.
// Docs: https://gorm.io/docs/advanced_query.html#Named-Argument
// SQL: after first try
func TestNamedArguments(t *testing.T) {
	db, queries := fixtures.Library(t)

	var byNamed, byMap []fixtures.Book
	require.NoError(t, db.Where("year > @after OR author_id = @author", sql.Named("after", 2000), sql.Named("author", 5)).Find(&byNamed).Error)
	require.NoError(t, db.Where("year BETWEEN @from AND @from + 9", map[string]any{"from": 1970}).Find(&byMap).Error)
	require.Len(t, byMap, 7, "seven books came out in the 1970s")

	assert.Equal(t /*__*/, 7, len(byNamed))                                                                   // how many books with sql.Named?
	assert.Equal(t, queries.Sent( /*___*/ "year > ? OR author_id = ?"), whereOf(queries.Statements()[0].SQL)) // the WHERE the driver received?
	assert.Equal(t /*__*/, 2, len(queries.Statements()[1].Args))                                              // values the driver got for @from, used twice?
}

package querying

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestCountDistinctPluck: Count, Distinct and Pluck ask the database for numbers and single columns, not rows.
//
// Count sends SELECT count(*) with what it keeps of the chain (the koan
// before showed which parts). Distinct("author_id") turns it into COUNT(DISTINCT(author_id)). Pluck
// selects one column into a slice of plain values — no structs, no
// Find-then-loop. The library's nine authors come from the United States
// (Le Guin, Butler, Asimov, Morrison), the United Kingdom (Pratchett,
// Austen, Ishiguro), Colombia (García Márquez) and Japan (Murakami).
//
// Hint: one of the nine authors has no books. After DISTINCT, how often can
// a country appear, and in what order does the ORDER BY put them?
// Docs: https://gorm.io/docs/advanced_query.html#count
// SQL: after first try
func TestCountDistinctPluck(t *testing.T) {
	db, queries := fixtures.Library(t)

	var books, writers int64
	require.NoError(t, db.Model(&fixtures.Book{}).Order("title").Count(&books).Error)
	require.NoError(t, db.Model(&fixtures.Book{}).Distinct("author_id").Count(&writers).Error)
	var countries []string
	require.NoError(t, db.Model(&fixtures.Author{}).Distinct().Order("country").Pluck("country", &countries).Error)

	assert.Equal(t, __, int(books))                                     // how many books?
	assert.Equal(t, __, strings.Contains(queries.SQL()[0], "ORDER BY")) // did the count keep its ORDER BY?
	assert.Equal(t, __, int(writers))                                   // how many distinct authors have books?
	assert.Equal(t, __, countries)                                      // which countries, in order?
}

// authorBooks is one row of a report: an author's id and how many books they wrote.
type authorBooks struct {
	AuthorID uint
	Books    int
}

// TestGroupHavingScan: report the authors with more than four books, and how many each has.
//
// A report row is not a model: it has no table. Select the columns you want
// with SQL aliases that match the result struct's fields (books → Books),
// Group and Having do the SQL thing, and Scan fills a slice of any struct by
// column name. The library has just bought a fifth Murakami, so the report
// is not the one library.json alone would give.
//
// Hint: Select("author_id, count(*) AS books"), then group by the author,
// keep the groups whose count(*) is over 4, and order by author_id.
// Docs: https://gorm.io/docs/query.html#scan
func TestGroupHavingScan(t *testing.T) {
	db, queries := fixtures.Library(t)
	require.NoError(t, db.Create(&fixtures.Book{Title: "Killing Commendatore", Year: 2017, AuthorID: 8}).Error)
	queries.Reset()

	var rows []authorBooks
	// ✎ group, filter the groups, and scan the report
	require.NoError(t, db.Model(&fixtures.Book{}).Scan(&rows).Error)
	// ✎ end

	assert.Equal(t, []authorBooks{{AuthorID: 1, Books: 5}, {AuthorID: 2, Books: 5}, {AuthorID: 8, Books: 5}}, rows)
	require.Equal(t, 1, queries.Len(), "one query")
	queries.Built(t, "SELECT", "GROUP BY", "HAVING") // grouped by Group and filtered by Having, in GORM's builder
	queries.ReadAtMost(t, 3)                         // only the groups in the report left the database
}

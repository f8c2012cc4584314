package realworld

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// AuthorStats is one line of a report: not a model, no table of its own.
type AuthorStats struct {
	Author string
	Books  int
}

// TestRawReportIntoStruct: for a report, write the SQL and scan it into a struct made for it.
//
// Reports join, group and count: SQL says that best. Raw takes the SQL,
// Scan fills any struct whose fields match the result's column names
// (author → Author, books → Books). The struct needs no table and no
// primary key. A LEFT JOIN keeps the authors who have no books.
//
// Hint: the rows are ordered by the number of books, then by name; the seed
// data in fixtures/data/library.json has the numbers.
func TestRawReportIntoStruct(t *testing.T) {
	db, _ := fixtures.Library(t)

	var rows []AuthorStats
	require.NoError(t, db.Raw(`
		SELECT a.name AS author, COUNT(b.id) AS books
		FROM authors a LEFT JOIN books b ON b.author_id = a.id
		GROUP BY a.id, a.name
		ORDER BY books DESC, a.name`).Scan(&rows).Error)

	assert.Equal(t /*__*/, 9, len(rows)) // how many lines has the report?
	require.Len(t, rows, 9)
	assert.Equal(t /*__*/, "Terry Pratchett", rows[0].Author) // who comes first?
	assert.Equal(t /*__*/, 0, rows[8].Books)                  // how many books has the last one?
}

// BookCount is a report line keyed by author id.
type BookCount struct {
	AuthorID uint
	Books    int
}

// TestBuilderReportMatchesRaw: the statement builder writes the same GROUP BY, one piece at a time.
//
// Between raw SQL and models sits the builder: Select, Group, Order, Having
// and Joins are pieces of a statement, and Scan fills a struct as with Raw.
// It is worth it when pieces vary (optional filters, a sort the user picks)
// and raw string-building would get fragile.
//
// Hint: the raw SQL is right there. Start from db.Model(&fixtures.Book{})
// and add one chain method per clause.
func TestBuilderReportMatchesRaw(t *testing.T) {
	db, _ := fixtures.Library(t)
	var want []BookCount
	require.NoError(t, db.Raw("SELECT author_id, COUNT(*) AS books FROM books GROUP BY author_id ORDER BY author_id").Scan(&want).Error)

	var got []BookCount
	// ✎ build the same report with Select, Group and Order
	//koan: require.NoError(t, db.Model(&fixtures.Book{}).Scan(&got).Error)
	require.NoError(t, db.Model(&fixtures.Book{}).Select("author_id, COUNT(*) AS books").Group("author_id").Order("author_id").Scan(&got).Error)
	// ✎ end

	assert.Len(t, got, 8)
	assert.Equal(t, want, got)
}

// TestModelLayerReportCostsMore: the same numbers through models load every row to count them.
//
// With models you would Preload every author's books and count in Go. The
// answer is the same, but the database sends each book across to be
// counted: fine for 32 rows, not for 32 million. Pick the layer by the work:
// models for entities you change, the builder or Raw for reports.
//
// Hint: count the SELECTs, then count what arrived in Go to compute nine
// small numbers.
func TestModelLayerReportCostsMore(t *testing.T) {
	db, queries := fixtures.Library(t)

	var authors []fixtures.Author
	require.NoError(t, db.Preload("Books").Find(&authors).Error)
	loaded := 0
	perAuthor := map[string]int{}
	for _, a := range authors {
		loaded += len(a.Books)
		perAuthor[a.Name] = len(a.Books)
	}

	assert.Equal(t /*__*/, 2, queries.Count("SELECT"))              // how many SELECTs did the model layer need?
	assert.Equal(t /*__*/, 32, loaded)                              // how many books were loaded into Go?
	assert.Equal(t /*__*/, true, perAuthor["Terry Pratchett"] == 5) // did it get Pratchett's count right?
}

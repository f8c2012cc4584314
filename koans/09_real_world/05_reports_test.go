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

// TestScanMatchesColumnsByName: Scan fills a report struct by column name, and drops what matches no field.
//
// For a report, write the SQL and scan it into a struct made for it: no
// table, no primary key. Scan pairs each result column with the field of
// the same name (books → Books). A column that matches no field is dropped
// without a word, and the field it was meant for keeps its zero value. The
// query below forgot an alias.
//
// Hint: what is the first column of the result called, and which field
// has that name?
// Docs: https://gorm.io/docs/sql_builder.html#Raw-SQL
func TestScanMatchesColumnsByName(t *testing.T) {
	db, _ := fixtures.Library(t)

	var rows []AuthorStats
	require.NoError(t, db.Raw(`
		SELECT a.name, COUNT(b.id) AS books
		FROM authors a LEFT JOIN books b ON b.author_id = a.id
		GROUP BY a.id, a.name
		ORDER BY books DESC, a.name`).Scan(&rows).Error)
	require.Len(t, rows, 9)

	assert.Equal(t, __, rows[0].Author)    // what did Scan put in the first row's Author?
	assert.Equal(t, __, rows[0].Books > 0) // did the books column reach Books?
}

// BookCount is a report line keyed by author id.
type BookCount struct {
	AuthorID uint
	Books    int
}

// TestReportWithOptionalFilters: when a report's filters are optional, build it with the builder, values as arguments.
//
// A report endpoint takes filters the user may or may not set. Gluing SQL
// strings together for each combination is where injections come from: a
// country of "x' OR '1'='1" rewrites the query. The builder adds a clause
// only when you call it, and its values travel as arguments, never as SQL.
//
// Hint: start from db.Model(&fixtures.Book{}) with Select, Group and Order,
// and call Where only for the filters that are set; a subquery picks the
// authors of a country.
// Docs: https://gorm.io/docs/security.html
func TestReportWithOptionalFilters(t *testing.T) {
	db, queries := fixtures.Library(t)
	// Kazuo Ishiguro (author 9, United Kingdom) publishes his first book here.
	require.NoError(t, db.Create(&fixtures.Book{Title: "Klara and the Sun", Year: 2021, AuthorID: 9}).Error)
	klara := BookCount{AuthorID: 9, Books: 1}
	queries.Reset()

	// ✎ count each author's books, adding a filter only when it is set (since > 0, country != "")
	report := func(since int, country string) ([]BookCount, error) {
		var rows []BookCount
		err := db.Raw("SELECT author_id, COUNT(*) AS books FROM books GROUP BY author_id ORDER BY author_id").Scan(&rows).Error
		return rows, err
	}
	// ✎ end

	all, err := report(0, "")
	require.NoError(t, err)
	assert.Equal(t, append(seedBookCounts(0, ""), klara), all, "no filter: every author with books")
	recentBritish, err := report(1990, "United Kingdom")
	require.NoError(t, err)
	assert.Equal(t, append(seedBookCounts(1990, "United Kingdom"), klara), recentBritish, "both filters")
	injected, err := report(0, "x' OR '1'='1")
	require.NoError(t, err)
	assert.Empty(t, injected, "no country is called that")
	for _, s := range queries.Statements() {
		assert.NotContains(t, s.SQL, "United Kingdom", "values travel as arguments, not inside the SQL")
	}
	queries.Built(t, "SELECT", "WHERE", "GROUP BY")
	queries.NoHandWritten(t)
	queries.ReadAtMost(t, len(all)+len(recentBritish))
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
// Docs: https://gorm.io/docs/preload.html
// SQL: after first try
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

	assert.Equal(t, __, queries.Count("SELECT"))           // how many SELECTs did the model layer need?
	assert.Equal(t, __, loaded)                            // how many books were loaded into Go?
	assert.Equal(t, __, perAuthor["Terry Pratchett"] == 5) // did it get Pratchett's count right?
}

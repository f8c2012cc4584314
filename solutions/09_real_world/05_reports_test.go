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

	assert.Equal(t /*__*/, "", rows[0].Author)      // what did Scan put in the first row's Author?
	assert.Equal(t /*__*/, true, rows[0].Books > 0) // did the books column reach Books?
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
	//koan: report := func(since int, country string) ([]BookCount, error) {
	//koan: 	var rows []BookCount
	//koan: 	err := db.Raw("SELECT author_id, COUNT(*) AS books FROM books GROUP BY author_id ORDER BY author_id").Scan(&rows).Error
	//koan: 	return rows, err
	//koan: }
	report := func(since int, country string) ([]BookCount, error) {
		q := db.Model(&fixtures.Book{}).Select("author_id, COUNT(*) AS books").Group("author_id").Order("author_id")
		if since > 0 {
			q = q.Where("year > ?", since)
		}
		if country != "" {
			q = q.Where("author_id IN (?)", db.Model(&fixtures.Author{}).Select("id").Where("country = ?", country))
		}
		var rows []BookCount
		return rows, q.Scan(&rows).Error
	}
	//dodge glue-strings: report := func(since int, country string) ([]BookCount, error) {
	//dodge glue-strings: 	sql := "SELECT author_id, COUNT(*) AS books FROM books WHERE 1 = 1"
	//dodge glue-strings: 	if since > 0 { sql += fmt.Sprintf(" AND year > %d", since) }
	//dodge glue-strings: 	if country != "" { sql += " AND author_id IN (SELECT id FROM authors WHERE country = '" + country + "')" }
	//dodge glue-strings: 	var rows []BookCount
	//dodge glue-strings: 	return rows, db.Raw(sql + " GROUP BY author_id ORDER BY author_id").Scan(&rows).Error
	//dodge glue-strings: }
	//dodge raw-with-arguments: report := func(since int, country string) ([]BookCount, error) {
	//dodge raw-with-arguments: 	sql, args := "SELECT author_id, COUNT(*) AS books FROM books WHERE 1 = 1", []any{}
	//dodge raw-with-arguments: 	if since > 0 { sql += " AND year > ?"; args = append(args, since) }
	//dodge raw-with-arguments: 	if country != "" { sql += " AND author_id IN (SELECT id FROM authors WHERE country = ?)"; args = append(args, country) }
	//dodge raw-with-arguments: 	var rows []BookCount
	//dodge raw-with-arguments: 	return rows, db.Raw(sql+" GROUP BY author_id ORDER BY author_id", args...).Scan(&rows).Error
	//dodge raw-with-arguments: }
	//dodge count-in-go: report := func(since int, country string) ([]BookCount, error) {
	//dodge count-in-go: 	var books []fixtures.Book
	//dodge count-in-go: 	q := db.Preload("Author").Where("year > ?", since)
	//dodge count-in-go: 	if err := q.Order("author_id").Find(&books).Error; err != nil { return nil, err }
	//dodge count-in-go: 	var rows []BookCount
	//dodge count-in-go: 	for _, b := range books {
	//dodge count-in-go: 		if country != "" && b.Author.Country != country { continue }
	//dodge count-in-go: 		if n := len(rows); n > 0 && rows[n-1].AuthorID == b.AuthorID { rows[n-1].Books++ } else { rows = append(rows, BookCount{AuthorID: b.AuthorID, Books: 1}) }
	//dodge count-in-go: 	}
	//dodge count-in-go: 	return rows, nil
	//dodge count-in-go: }
	//dodge hard-coded-authors: report := func(since int, country string) ([]BookCount, error) {
	//dodge hard-coded-authors: 	q := db.Model(&fixtures.Book{}).Select("author_id, COUNT(*) AS books").Group("author_id").Order("author_id")
	//dodge hard-coded-authors: 	if since > 0 { q = q.Where("year > ?", since) }
	//dodge hard-coded-authors: 	if country == "United Kingdom" { q = q.Where("author_id IN ?", []uint{2, 5}) } else if country != "" { q = q.Where("1 = 0") }
	//dodge hard-coded-authors: 	var rows []BookCount
	//dodge hard-coded-authors: 	return rows, q.Scan(&rows).Error
	//dodge hard-coded-authors: }
	//honest join: report := func(since int, country string) ([]BookCount, error) {
	//honest join: 	q := db.Model(&fixtures.Book{}).Select("books.author_id, COUNT(*) AS books").Group("books.author_id").Order("books.author_id")
	//honest join: 	if since > 0 { q = q.Where("books.year > ?", since) }
	//honest join: 	if country != "" { q = q.Joins("JOIN authors ON authors.id = books.author_id").Where("authors.country = ?", country) }
	//honest join: 	var rows []BookCount
	//honest join: 	return rows, q.Scan(&rows).Error
	//honest join: }
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

	assert.Equal(t /*__*/, 2, queries.Count("SELECT"))              // how many SELECTs did the model layer need?
	assert.Equal(t /*__*/, 32, loaded)                              // how many books were loaded into Go?
	assert.Equal(t /*__*/, true, perAuthor["Terry Pratchett"] == 5) // did it get Pratchett's count right?
}

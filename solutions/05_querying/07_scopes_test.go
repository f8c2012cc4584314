package querying

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestScopesPaginate: write a pagination scope, so any query can ask for page N of size S.
//
// A scope is a func(*gorm.DB) *gorm.DB: it takes a query, adds to its chain,
// and returns it. db.Scopes(f) calls f when the query runs. Pagination,
// tenancy filters, "only published" — each becomes a named, reusable piece
// instead of a copy-pasted Where, and it works on whatever query it is
// given, filtered or not.
//
// Hint: page 1 starts at offset 0; page 2 skips one page's worth of rows.
// Use Offset and Limit on tx, and return what they give you.
// Docs: https://gorm.io/docs/scopes.html
func TestScopesPaginate(t *testing.T) {
	db, queries := fixtures.Library(t)

	// ✎ make paginate narrow tx to one page (pages count from 1)
	//koan: paginate := func(page, size int) func(*gorm.DB) *gorm.DB {
	//koan: 	return func(tx *gorm.DB) *gorm.DB { return tx }
	//koan: }
	paginate := func(page, size int) func(*gorm.DB) *gorm.DB {
		return func(tx *gorm.DB) *gorm.DB {
			return tx.Offset((page - 1) * size).Limit(size)
		}
	}
	//dodge pages-from-zero: paginate := func(page, size int) func(*gorm.DB) *gorm.DB {
	//dodge pages-from-zero: 	return func(tx *gorm.DB) *gorm.DB { return tx.Offset(page * size).Limit(size) }
	//dodge pages-from-zero: }
	//dodge limit-only: paginate := func(page, size int) func(*gorm.DB) *gorm.DB {
	//dodge limit-only: 	return func(tx *gorm.DB) *gorm.DB { return tx.Limit(size) }
	//dodge limit-only: }
	//dodge id-range: paginate := func(page, size int) func(*gorm.DB) *gorm.DB {
	//dodge id-range: 	return func(tx *gorm.DB) *gorm.DB { return tx.Where("id > ? AND id <= ?", (page-1)*size, page*size) }
	//dodge id-range: }
	//dodge over-fetch: paginate := func(page, size int) func(*gorm.DB) *gorm.DB {
	//dodge over-fetch: 	return func(tx *gorm.DB) *gorm.DB { return tx.Limit(page * size) }
	//dodge over-fetch: }
	//honest limit-first: paginate := func(page, size int) func(*gorm.DB) *gorm.DB {
	//honest limit-first: 	skip := (page - 1) * size
	//honest limit-first: 	return func(tx *gorm.DB) *gorm.DB { return tx.Limit(size).Offset(skip) }
	//honest limit-first: }
	// ✎ end

	var second, last []fixtures.Book
	require.NoError(t, db.Scopes(paginate(2, 5)).Where("year > ?", 1968).Order("id").Find(&second).Error)
	require.NoError(t, db.Scopes(paginate(7, 5)).Order("id").Find(&last).Error)

	assert.Equal(t, []string{"Mort", "Guards! Guards!", "Small Gods", "Going Postal", "Kindred"}, fixtures.Titles(second), "page 2 of the books after 1968")
	assert.Equal(t, []string{"Kafka on the Shore", "1Q84"}, fixtures.Titles(last), "page 7 of all the books")
	assert.Equal(t, 2, queries.Len(), "one query per page")
	queries.Built(t, "SELECT", "LIMIT") // the database cut the page
	queries.ReadAtMost(t, 7)            // five rows and two, not every page up to them
}

// TestNextPageAfterACursor: the next page after the last book the client saw — newest first, ties by id.
//
// OFFSET counts rows from the top each time, so a book added between two
// requests pushes every later page down by one: the client sees a book
// twice (and a deletion makes it miss one). Keyset pagination ("seek")
// remembers where the last page ended and asks for the rows after it. The
// sort must be total: year alone is not — four books came out in 1987 — so
// the cursor is (year, id), and the WHERE must mean "after (year, id)",
// not merely "before this year".
//
// Hint: after last means an older year, or the same year and a smaller id.
// Order by both columns, the way the first pages were ordered.
// Docs: https://gorm.io/docs/query.html#Order
func TestNextPageAfterACursor(t *testing.T) {
	db, queries := fixtures.Library(t)
	var seen []fixtures.Book
	require.NoError(t, db.Order("year DESC, id DESC").Limit(10).Find(&seen).Error) // pages 1 and 2, five a page
	last := seen[len(seen)-1]                                                      // the cursor the client sends back
	require.NoError(t, db.Create(&fixtures.Book{Title: "Klara and the Sun", Year: 2021, AuthorID: 9}).Error)
	queries.Reset() // meanwhile, a new book arrived

	var next []fixtures.Book
	// ✎ fetch the five books that come after last
	//koan: require.NoError(t, db.Where("year < ?", last.Year).Order("year DESC").Limit(5).Find(&next).Error)
	require.NoError(t, db.Where("year < ? OR (year = ? AND id < ?)", last.Year, last.Year, last.ID).Order("year DESC, id DESC").Limit(5).Find(&next).Error)
	//dodge no-tie-break: require.NoError(t, db.Where("year < ?", last.Year).Order("year DESC, id DESC").Limit(5).Find(&next).Error)
	//dodge at-or-before: require.NoError(t, db.Where("year <= ? AND id <> ?", last.Year, last.ID).Order("year DESC, id DESC").Limit(5).Find(&next).Error)
	//dodge order-without-id: require.NoError(t, db.Where("year < ? OR (year = ? AND id < ?)", last.Year, last.Year, last.ID).Order("year DESC").Limit(5).Find(&next).Error)
	//dodge offset: require.NoError(t, db.Order("year DESC, id DESC").Offset(10).Limit(5).Find(&next).Error)
	//dodge seek-in-go: var all []fixtures.Book
	//dodge seek-in-go: require.NoError(t, db.Order("year DESC, id DESC").Find(&all).Error)
	//dodge seek-in-go: at := slices.IndexFunc(all, func(b fixtures.Book) bool { return b.ID == last.ID })
	//dodge seek-in-go: next = all[at+1 : at+6]
	//dodge raw-sql: require.NoError(t, db.Raw("SELECT * FROM books WHERE year < ? OR (year = ? AND id < ?) ORDER BY year DESC, id DESC LIMIT 5", last.Year, last.Year, last.ID).Scan(&next).Error)
	//honest row-value: require.NoError(t, db.Where("(year, id) < (?, ?)", last.Year, last.ID).Order("year desc").Order("id desc").Limit(5).Find(&next).Error)
	//honest or-chain: require.NoError(t, db.Where("year < ?", last.Year).Or("year = ? AND id < ?", last.Year, last.ID).Order("year DESC, id DESC").Limit(5).Find(&next).Error)
	// ✎ end

	assert.Equal(t, []string{"Dawn", "Mort", "Love in the Time of Cholera", "The Colour of Magic", "Chronicle of a Death Foretold"}, fixtures.Titles(next),
		"the five books after %q (%d), newest first, ties by id", last.Title, last.Year)
	require.Equal(t, 1, queries.Len(), "one query")
	queries.Built(t, "SELECT", "WHERE", "ORDER BY", "LIMIT") // the database seeks, sorts and cuts
	queries.ReadAtMost(t, 5)                                 // one page left the database
	assert.NotContains(t, queries.SQL()[0], "OFFSET", "the WHERE finds the place; an OFFSET would count from the top")
	_, orderBy, _ := strings.Cut(queries.SQL()[0], "ORDER BY")
	assert.Contains(t, orderBy, "id", "ties on year are broken by id, in the ORDER BY as in the cursor: without it, the database may put them in any order")
}

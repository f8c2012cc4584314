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
// instead of a copy-pasted Where.
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
	// ✎ end

	var second, last []fixtures.Book
	require.NoError(t, db.Scopes(paginate(2, 5)).Order("id").Find(&second).Error)
	require.NoError(t, db.Scopes(paginate(7, 5)).Order("id").Find(&last).Error)

	assert.Equal(t, []string{"The Colour of Magic", "Mort", "Guards! Guards!", "Small Gods", "Going Postal"}, fixtures.Titles(second))
	assert.Equal(t, []string{"Kafka on the Shore", "1Q84"}, fixtures.Titles(last))
	assert.Equal(t, 2, queries.Len(), "one query per page")
}

// TestPaginateWithATotal: page 2 of the books after 1950, and how many such books there are in all.
//
// A paginated API answers two questions: which rows are on this page, and
// how many rows match in all (so the client can draw "page 2 of 6"). The
// total is a Count of the same conditions *without* the page's LIMIT and
// OFFSET; the page is the same conditions with them. Two queries, both in
// the database — not every row loaded to count them in Go.
//
// Hint: recent is reusable (it is a Session). Count on recent itself, and
// page on a chain built from it.
// Docs: https://gorm.io/docs/advanced_query.html#count
func TestPaginateWithATotal(t *testing.T) {
	db, queries := fixtures.Library(t)
	recent := db.Model(&fixtures.Book{}).Where("year > ?", 1950).Session(&gorm.Session{})

	var books []fixtures.Book
	var total int64
	// ✎ fill books with page 2 (5 a page, by id) and total with the number of matching books
	//koan: page := recent.Order("id").Limit(5).Offset(5)
	//koan: require.NoError(t, page.Find(&books).Error)
	//koan: require.NoError(t, page.Count(&total).Error)
	require.NoError(t, recent.Count(&total).Error)
	require.NoError(t, recent.Order("id").Limit(5).Offset(5).Find(&books).Error)
	//dodge len-of-page: require.NoError(t, recent.Order("id").Limit(5).Offset(5).Find(&books).Error)
	//dodge len-of-page: total = int64(len(books))
	//dodge count-in-go: var all []fixtures.Book
	//dodge count-in-go: require.NoError(t, recent.Order("id").Find(&all).Error)
	//dodge count-in-go: total = int64(len(all))
	//dodge count-in-go: books = all[5:10]
	// ✎ end

	assert.EqualValues(t, 27, total)
	assert.Equal(t, []string{"The Colour of Magic", "Mort", "Guards! Guards!", "Small Gods", "Going Postal"}, fixtures.Titles(books))
	require.Equal(t, 2, queries.Len(), "a count and a page")
	for _, sql := range queries.SQL() {
		if strings.HasPrefix(sql, "SELECT count(*)") {
			assert.NotContains(t, sql, "LIMIT", "the total counts every matching row")
		} else {
			assert.Contains(t, sql, "LIMIT 5 OFFSET 5", "the database cuts the page")
		}
	}
}

package querying

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestNewestThreeBooks: fetch only the three most recent books, newest first.
//
// Loading every row and slicing in Go works on 32 books and falls over on
// 32 million. Order and Limit put the sorting and the cutting where the
// data is: the database sends back three rows, already in order. The
// library has just bought Kazuo Ishiguro's Klara and the Sun (2021), so the
// newest books are not quite those of library.json.
//
// Hint: Order takes a piece of SQL ("column DESC"); Limit takes a number.
// Docs: https://gorm.io/docs/query.html#Order
func TestNewestThreeBooks(t *testing.T) {
	db, queries := fixtures.Library(t)
	require.NoError(t, db.Create(&fixtures.Book{Title: "Klara and the Sun", Year: 2021, AuthorID: 9}).Error)
	queries.Reset()

	var books []fixtures.Book
	// ✎ let the database sort and cut
	//koan: require.NoError(t, db.Find(&books).Error)
	require.NoError(t, db.Order("year DESC").Limit(3).Find(&books).Error)
	//dodge slice-in-go: require.NoError(t, db.Order("year DESC").Find(&books).Error)
	//dodge slice-in-go: books = books[:3]
	//dodge sort-in-go: require.NoError(t, db.Find(&books).Error)
	//dodge sort-in-go: sort.Slice(books, func(i, j int) bool { return books[i].Year > books[j].Year })
	//dodge sort-in-go: books = books[:3]
	//dodge limit-only: require.NoError(t, db.Limit(3).Find(&books).Error)
	//dodge raw-sql: require.NoError(t, db.Raw("SELECT * FROM books ORDER BY year DESC LIMIT 3").Scan(&books).Error)
	//dodge hard-coded: require.NoError(t, db.Where("title IN ?", []string{"1Q84", "Going Postal", "Kafka on the Shore"}).Order("year DESC").Limit(3).Find(&books).Error)
	//honest generics: newest, err := gorm.G[fixtures.Book](db).Order("year desc").Limit(3).Find(t.Context())
	//honest generics: require.NoError(t, err)
	//honest generics: books = newest
	//honest limit-first: require.NoError(t, db.Limit(3).Order("year DESC").Find(&books).Error)
	// ✎ end

	assert.Equal(t, []string{"Klara and the Sun", "1Q84", "Going Postal"}, fixtures.Titles(books))
	require.Equal(t, 1, queries.Len(), "one query")
	queries.Built(t, "SELECT", "ORDER BY", "LIMIT") // the database sorted and cut, through Order and Limit
	queries.ReadAtMost(t, 3)                        // three rows left the database, not 33
}

// TestCountKeepsLimitAndOffset: Count on a chain that is already paginated — what does it count?
//
// Count sends SELECT count(*) with the chain's conditions, and drops its
// ORDER BY (a count has no order). It keeps everything else the chain
// holds, LIMIT and OFFSET included — and a count is a query that returns
// exactly one row. Tests that only look at page 1 never notice.
//
// Hint: there are 32 books. Ask what LIMIT 5 does to a result of one row,
// and what OFFSET 5 does to it. Limit(-1) and Offset(-1) take a limit or an
// offset off the chain.
// Docs: https://gorm.io/docs/advanced_query.html#count
// SQL: after first try
func TestCountKeepsLimitAndOffset(t *testing.T) {
	db, _ := fixtures.Library(t)

	page1 := db.Model(&fixtures.Book{}).Order("id").Limit(5).Session(&gorm.Session{})
	page2 := page1.Offset(5).Session(&gorm.Session{})
	var books []fixtures.Book
	require.NoError(t, page2.Find(&books).Error)
	require.Len(t, books, 5, "page 2 holds five books")
	var onPage1, onPage2, undone int64
	require.NoError(t, page1.Count(&onPage1).Error)
	require.NoError(t, page2.Count(&onPage2).Error)
	require.NoError(t, page2.Limit(-1).Offset(-1).Count(&undone).Error)

	assert.Equal(t /*__*/, 32, int(onPage1)) // what did Count report on page 1's chain?
	assert.Equal(t /*__*/, 0, int(onPage2))  // and on page 2's?
	assert.Equal(t /*__*/, 32, int(undone))  // and on page 2's with Limit(-1).Offset(-1)?
}

package indexes

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestIndexTagsNameTheirIndexes: index, uniqueIndex and a shared name make three indexes, named for you.
//
// `index` on a field makes idx_<table>_<column>; `uniqueIndex` the same
// name, UNIQUE. Two fields that name the same index share it: a composite
// index, its columns in the order of the fields — unless `priority:` says
// otherwise. AutoMigrate creates the table, then each index.
// (On MySQL, GORM writes the indexes into CREATE TABLE: one CREATE.)
//
// Hint: count the CREATE statements in the SQL, and read their names there.
//
// Database: sqlite, postgres
// Docs: https://gorm.io/docs/indexes.html
// SQL: after first try
func TestIndexTagsNameTheirIndexes(t *testing.T) {
	type Edition struct {
		ID     uint
		ISBN   string `gorm:"uniqueIndex"`
		BookID uint   `gorm:"index"`
		Format string `gorm:"index:idx_editions_format_year"`
		Year   int    `gorm:"index:idx_editions_format_year"`
	}
	db, queries := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&Edition{}))

	assert.Equal(t, __, queries.Count("CREATE"))                                  // how many CREATE statements?
	assert.True(t, db.Migrator().HasIndex(&Edition{}, ___))                       // the name `index` gave book_id's index
	assert.True(t, db.Migrator().HasIndex(&Edition{}, ___))                       // the name `uniqueIndex` gave ISBN's
	assert.Equal(t, __, columnsOf(t, db, &Edition{}, "idx_editions_format_year")) // the shared index's columns, in order
}

// TestCompositeColumnOrder: a composite index searches by its first column, then by the next — never by the second alone.
//
// An index on (author_id, year) is sorted like a phone book: by author,
// then, within one author, by year. It finds an author's books, and an
// author's books of some years; it cannot find "the books of 1999"
// without reading everything, any more than a phone book finds every
// "John". Which index — and which of its columns — will each query use?
//
// Hint: priority:1 comes first, whatever the order of the fields. Each
// plan lists the columns the search used.
// Docs: https://gorm.io/docs/indexes.html#Composite-Indexes
// SQL: after first try
func TestCompositeColumnOrder(t *testing.T) {
	db, queries := fixtures.LargeLibrary(t)
	type Book struct {
		ID       uint   `gorm:"primaryKey"`
		Title    string `gorm:"not null"`
		Year     int    `gorm:"index:idx_books_author_year,priority:2"`
		AuthorID uint   `gorm:"index:idx_books_author_year,priority:1"`
	}
	require.NoError(t, db.AutoMigrate(&Book{}))
	queries.Reset()

	var books []fixtures.Book
	require.NoError(t, db.Where("author_id = ?", 300).Find(&books).Error)
	require.NoError(t, db.Where("author_id = ? AND year >= ?", 300, 1950).Find(&books).Error)
	require.NoError(t, db.Where("year = ?", 1999).Find(&books).Error)
	plans := queries.Plans(t, db)
	byAuthor, _ := plans[0].Of("books")
	both, _ := plans[1].Of("books")
	byYear, _ := plans[2].Of("books")

	assert.Equal(t, __, byAuthor.Columns)  // which columns did the first search use?
	assert.Equal(t, __, both.Columns)      // and the second?
	assert.Equal(t, __, byYear.FullScan()) // did the third read every book?
}

// TestCompositeIndexServesWhereAndOrder: one index on (author_id, year) finds an author's books already in order.
//
// "An author's five newest books": with an index on author_id alone the
// database finds the books, then sorts them; with one on year alone it
// walks every book newest first, looking for the author's. An index on
// both, author first, holds each author's books sorted by year: search,
// read five, stop.
//
// Hint: two fields naming one index make it composite; the column the
// query searches by goes first, the one it orders by next.
// Docs: https://gorm.io/docs/indexes.html#Composite-Indexes
func TestCompositeIndexServesWhereAndOrder(t *testing.T) {
	db, queries := fixtures.LargeLibrary(t)

	// ✎ declare the index this query needs (AutoMigrate runs after this block)
	type Book struct {
		ID       uint   `gorm:"primaryKey"`
		Title    string `gorm:"not null"`
		Year     int
		AuthorID uint
	}
	// ✎ end
	require.NoError(t, db.AutoMigrate(&Book{}))
	queries.Reset()

	var books []fixtures.Book
	require.NoError(t, db.Where("author_id = ?", 300).Order("year DESC").Limit(5).Find(&books).Error)

	queries.Searched(t, db, "books", "author_id")
	queries.NotSorted(t, db)
	declares(t, db, &Book{}, "author_id", "year")
}

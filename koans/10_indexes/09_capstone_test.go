package indexes

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestAuthorPageSearchesEveryTable: an author's page sends four statements; make every one of them search an index.
//
// The page finds the author by name, counts their books for the pager,
// shows their five newest books with the author preloaded. It was fast
// with the nine authors of the seed; with 5,000 authors and 50,000 books,
// two of its statements read every book and one sorts them. Declare on
// the model what the page needs: the plans under the SQL prove it.
//
// Hint: authors.name already has its unique index, and a primary key is an
// index. What is left is books: one index can serve both of their
// queries, if its columns come in the right order.
// Docs: https://gorm.io/docs/indexes.html
func TestAuthorPageSearchesEveryTable(t *testing.T) {
	db, queries := fixtures.LargeLibrary(t)

	// ✎ declare the indexes the page needs (AutoMigrate runs after this block)
	type Book struct {
		ID       uint   `gorm:"primaryKey"`
		Title    string `gorm:"not null"`
		Year     int
		AuthorID uint
	}
	// ✎ end
	require.NoError(t, db.AutoMigrate(&Book{}))
	queries.Reset()

	// The page.
	var author fixtures.Author
	require.NoError(t, db.Where("name = ?", "Author 300").Take(&author).Error)
	var total int64
	require.NoError(t, db.Model(&fixtures.Book{}).Where("author_id = ?", author.ID).Count(&total).Error)
	var books []fixtures.Book
	require.NoError(t, db.Where("author_id = ?", author.ID).Order("year DESC").Limit(5).Preload("Author").Find(&books).Error)

	queries.AllSearched(t, db)
	queries.NotSorted(t, db)
	declares(t, db, &Book{}, "author_id", "year")
	require.Len(t, books, 5)
	assert.Equal(t, "Author 300", books[0].Author.Name)
	assert.GreaterOrEqual(t, books[0].Year, books[4].Year)
}

package loading

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestSelectWithoutTheKeyLoadsNoAuthor: a Select that leaves out author_id leaves Preload nothing to look up.
//
// Preload("Author") collects the author_id of every book it loaded and asks
// for those authors. Select only id and title, and every book's author_id
// is 0: GORM finds no key to ask for, sends no second query and returns no
// error. The page renders with no authors, and nothing tells you why.
//
// Hint: the books' SELECT fetches id and title only. Which column would
// Preload need to build its IN list, and what does a uint hold when no
// column filled it?
// Docs: https://gorm.io/docs/preload.html
// SQL: after first try
func TestSelectWithoutTheKeyLoadsNoAuthor(t *testing.T) {
	db, queries := fixtures.Library(t)

	var books []fixtures.Book
	err := db.Select("id", "title").Preload("Author").Find(&books).Error

	require.Len(t, books, 32)
	assert.Equal(t /*__*/, false, err != nil)            // did GORM report a problem?
	assert.Equal(t /*__*/, 1, queries.Len())             // how many statements were sent?
	assert.Equal(t /*__*/, true, books[0].Author == nil) // is the first book's Author nil?
}

// TestNarrowSelectKeepsTheKeys: select only the columns a page shows, plus the keys that stitch the rows together.
//
// A list of titles with their authors' names needs two columns, not every
// column of both tables. Select narrows each query — but Preload matches
// authors to books by author_id on the book and id on the author, so both
// keys must be in the Selects, even though the page never shows them.
//
// Hint: the books' query needs one more column; the authors' query already
// has the one it needs.
// Docs: https://gorm.io/docs/preload.html#Custom-Preloading-SQL
func TestNarrowSelectKeepsTheKeys(t *testing.T) {
	db, queries := fixtures.Library(t)
	names := func(tx *gorm.DB) *gorm.DB { return tx.Select("id", "name") }

	var books []fixtures.Book
	// ✎ select only the titles and what the preload needs
	//koan: require.NoError(t, db.Select("id", "title").Preload("Author", names).Find(&books).Error)
	require.NoError(t, db.Select("id", "title", "author_id").Preload("Author", names).Find(&books).Error)
	//dodge select-everything: require.NoError(t, db.Preload("Author", names).Find(&books).Error)
	//dodge stitch-in-go: var authors []fixtures.Author
	//dodge stitch-in-go: require.NoError(t, db.Select("id", "title", "author_id").Find(&books).Error)
	//dodge stitch-in-go: require.NoError(t, names(db).Find(&authors).Error)
	//dodge stitch-in-go: for i := range books { for j := range authors { if authors[j].ID == books[i].AuthorID { books[i].Author = &authors[j] } } }
	//dodge raw-columns: require.NoError(t, db.Raw("SELECT id, title, author_id FROM books").Scan(&books).Error)
	//dodge raw-columns: for i := range books { var a fixtures.Author; require.NoError(t, names(db).First(&a, books[i].AuthorID).Error); books[i].Author = &a }
	//dodge join-instead: require.NoError(t, db.Select("books.id", "books.title", "books.author_id").Joins("Author", names(db)).Find(&books).Error)
	//honest one-string: require.NoError(t, db.Select("id, title, author_id").Preload("Author", names).Find(&books).Error)
	// ✎ end

	queries.AtMost(t, 2)
	queries.Built(t, "SELECT")
	queries.Preloaded(t, "authors")
	require.Len(t, books, 32)
	for _, b := range books {
		require.NotNil(t, b.Author, "%s has no author loaded", b.Title)
		assert.Equal(t, b.AuthorID, b.Author.ID)
		assert.NotEmpty(t, b.Author.Name)
	}
	for _, sql := range queries.SQL() {
		assert.NotContains(t, sql, "*", "no SELECT *: the page shows titles and names only")
		assert.NotContains(t, sql, "year", "the page does not show years")
	}
}

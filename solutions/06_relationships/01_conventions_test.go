package relationships

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestBelongsToSavesTheParentFirst: a belongs-to is a column on your own table, so the parent is saved first.
//
// Book has an AuthorID field and an Author field: by convention GORM pairs
// them, and books.author_id is the whole relationship. To fill that column
// for a brand-new author, GORM must insert the author before the book.
//
// Hint: a row can only point at an ID that exists. Read the INSERTs in the
// SQL below; the library already has nine authors.
// Docs: https://gorm.io/docs/belongs_to.html
// SQL: after first try
func TestBelongsToSavesTheParentFirst(t *testing.T) {
	db, queries := fixtures.Library(t)

	book := fixtures.Book{Title: "Frankenstein", Year: 1818, Author: &fixtures.Author{Name: "Mary Shelley"}}
	require.NoError(t, db.Create(&book).Error)

	assert.Equal(t /*__*/, []string{"authors", "books"}, queries.Tables("INSERT")) // which tables got an INSERT, in order?
	assert.Equal(t /*__*/, 10, int(book.AuthorID))                                 // which author_id did the book get?
}

// TestHasManyLivesOnTheChildTable: giving an author a book writes books.author_id — the authors table is not touched.
//
// Author.Books is a has-many: nothing about it is stored in the authors
// table. The foreign key lives on the child, books.author_id, so adding a
// book to an author's Books is a write to that book's row. GORM sends it as
// an upsert of the book whose ON CONFLICT updates author_id and nothing else
// — whatever the rest of the struct held.
//
// Hint: book 7 is Mort, by Terry Pratchett (author 2); the struct below holds
// only its ID. Read the INSERT below to the end.
// Docs: https://gorm.io/docs/has_many.html
// SQL: after first try
func TestHasManyLivesOnTheChildTable(t *testing.T) {
	db, queries := fixtures.Library(t)

	mort := fixtures.Book{ID: 7}
	require.NoError(t, db.Model(&fixtures.Author{ID: 1}).Association("Books").Append(&mort))
	written := queries.Tables("INSERT")

	var again fixtures.Book
	require.NoError(t, db.First(&again, 7).Error)

	assert.Equal(t /*__*/, []string{"books"}, written) // which tables did Append write?
	assert.Equal(t /*__*/, 1, int(again.AuthorID))     // whose book is Mort now?
	assert.Equal(t /*___*/, "Mort", again.Title)       // the title stored, after VALUES sent an empty one?
}

// TestManyToManyLivesInAJoinTable: books and tags meet in a third table, one row per link.
//
// Neither books nor tags has a column for the other: the tag
// `many2many:book_tags` names a join table holding (book_id, tag_id) pairs.
// Both sides declare the same table, so both sides see the same links.
//
// Hint: read the JOIN in the first statement below. Earthsea's tags are in
// fixtures/data/library.json; so are all the fantasy books.
// Docs: https://gorm.io/docs/many_to_many.html#Many-To-Many
func TestManyToManyLivesInAJoinTable(t *testing.T) {
	db, _ := fixtures.Library(t)
	earthsea := fixtures.Book{ID: 1}

	var tags []fixtures.Tag
	require.NoError(t, db.Model(&earthsea).Association("Tags").Find(&tags))

	var links int64
	require.NoError(t, db.Table( /*___*/ "book_tags").Where("book_id = ?", earthsea.ID).Count(&links).Error) // which table holds the links?
	assert.Equal(t, len(tags), int(links))

	var fantasy []fixtures.Book
	require.NoError(t, db.Model(&fixtures.Tag{ID: 1}).Association("Books").Find(&fantasy))
	assert.Equal(t /*__*/, 7, len(fantasy)) // how many books carry the tag "fantasy"?
}

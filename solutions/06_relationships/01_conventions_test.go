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
// Hint: a row can only point at an ID that exists, and the library already
// has nine authors. After your first try, the INSERTs show in the SQL.
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
// Hint: book 7 is Mort, by Terry Pratchett (author 2); the struct holds
// only its ID. When the SQL shows (after your first try), read the INSERT
// to the end.
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
// `many2many:book_tags` names a join table with one row per link, and a
// column for each side, named by the same convention as any foreign key.
// Both sides declare the same table, so both sides see the same links.
//
// Hint: how was the column books.author_id named after Book.Author? Name
// the join table's column for the Tag side the same way. The tags of every
// book are in fixtures/data/library.json.
// Docs: https://gorm.io/docs/many_to_many.html#Many-To-Many
func TestManyToManyLivesInAJoinTable(t *testing.T) {
	db, _ := fixtures.Library(t)
	fantasy := fixtures.Tag{ID: 1}

	var books []fixtures.Book
	require.NoError(t, db.Model(&fantasy).Association("Books").Find(&books))

	var links int64
	require.NoError(t, db.Table("book_tags").Where( /*___*/ "tag_id = ?", fantasy.ID).Count(&links).Error) // which condition finds the links of tag 1?
	assert.Equal(t, len(books), int(links), "one link per book tagged fantasy")
	assert.Equal(t /*__*/, 7, len(books)) // how many books carry the tag "fantasy"?
}

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
func TestBelongsToSavesTheParentFirst(t *testing.T) {
	db, queries := fixtures.Library(t)

	book := fixtures.Book{Title: "Frankenstein", Year: 1818, Author: &fixtures.Author{Name: "Mary Shelley"}}
	require.NoError(t, db.Create(&book).Error)

	assert.Equal(t, __, queries.Tables("INSERT")) // which tables got an INSERT, in order?
	assert.Equal(t, __, int(book.AuthorID))       // which author_id did the book get?
}

// TestHasManyIsAQueryOnTheChildTable: an author's books are the books whose author_id is the author's ID.
//
// Author.Books is a has-many: nothing about it is stored in the authors
// table. The foreign key lives on the child, books.author_id, and loading
// the relation is a plain WHERE on that column — which you can write by hand.
//
// Hint: the Association call sends exactly the query you need; the column's
// name follows from the field Book.AuthorID.
func TestHasManyIsAQueryOnTheChildTable(t *testing.T) {
	db, _ := fixtures.Library(t)
	pratchett := fixtures.Author{ID: 2}

	var viaAssociation []fixtures.Book
	require.NoError(t, db.Model(&pratchett).Association("Books").Find(&viaAssociation))

	var byHand []fixtures.Book
	require.NoError(t, db.Where(___, pratchett.ID).Find(&byHand).Error) // which condition finds an author's books?

	assert.Equal(t, fixtures.Titles(viaAssociation), fixtures.Titles(byHand))
	assert.Equal(t, __, len(byHand)) // how many books has Terry Pratchett?
}

// TestManyToManyLivesInAJoinTable: books and tags meet in a third table, one row per link.
//
// Neither books nor tags has a column for the other: the tag
// `many2many:book_tags` names a join table holding (book_id, tag_id) pairs.
// Both sides declare the same table, so both sides see the same links.
//
// Hint: read the JOIN in the first statement below. Earthsea's tags are in
// fixtures/data/library.json; so are all the fantasy books.
func TestManyToManyLivesInAJoinTable(t *testing.T) {
	db, _ := fixtures.Library(t)
	earthsea := fixtures.Book{ID: 1}

	var tags []fixtures.Tag
	require.NoError(t, db.Model(&earthsea).Association("Tags").Find(&tags))

	var links int64
	require.NoError(t, db.Table(___).Where("book_id = ?", earthsea.ID).Count(&links).Error) // which table holds the links?
	assert.Equal(t, len(tags), int(links))

	var fantasy []fixtures.Book
	require.NoError(t, db.Model(&fixtures.Tag{ID: 1}).Association("Books").Find(&fantasy))
	assert.Equal(t, __, len(fantasy)) // how many books carry the tag "fantasy"?
}

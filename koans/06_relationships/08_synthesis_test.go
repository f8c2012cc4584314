package relationships

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestPublishABook: write publish — an existing author, existing and new tags, one Create for the whole graph.
//
// The phase in one function. publish files a new book under an author who
// must already exist (found by name; an unknown author is an error, and
// nothing is written), tagged with the names given: tags the library has
// are linked by their primary key, the others are created. Then one Create
// writes the book, the new tags and the links — one INSERT per table, in
// one transaction.
//
// Hint: look the author up, then every known tag in one query (IN ?). Set
// AuthorID, not Author; put the found tags (with their IDs) and new
// Tag{Name: …} values on book.Tags, and Create the book.
// Docs: https://gorm.io/docs/create.html#create_with_associations
func TestPublishABook(t *testing.T) {
	db, queries := fixtures.Library(t)

	// ✎ write publish
	publish := func(db *gorm.DB, author string, book fixtures.Book, tags []string) (fixtures.Book, error) {
		book.Author = &fixtures.Author{Name: author}
		for _, name := range tags {
			book.Tags = append(book.Tags, fixtures.Tag{Name: name})
		}
		return book, db.Create(&book).Error
	}
	// ✎ end

	tehanu, err := publish(db, "Ursula K. Le Guin", fixtures.Book{Title: "Tehanu", Year: 1990}, []string{"fantasy", "award-winner", "feminist"})
	require.NoError(t, err)
	assert.Equal(t, []string{"SELECT", "SELECT", "BEGIN", "INSERT", "INSERT", "INSERT", "COMMIT"}, queries.Keywords(),
		"two lookups, then one transaction: the book, the new tag, the links")
	queries.NoHandWritten(t)
	queries.ReadAtMost(t, 5) // the author, the two known tags, the new IDs of the book and of feminist
	savedWithParent(t, queries, "tags")
	var names []string
	require.NoError(t, db.Table("tags").Joins("JOIN book_tags ON book_tags.tag_id = tags.id").
		Where("book_tags.book_id = ?", tehanu.ID).Order("tags.name").Pluck("tags.name", &names).Error)
	assert.Equal(t, []string{"award-winner", "fantasy", "feminist"}, names)
	var stored fixtures.Book
	require.NoError(t, db.First(&stored, tehanu.ID).Error)
	assert.Equal(t, uint(1), stored.AuthorID, "filed under Le Guin")

	queries.Reset()
	_, err = publish(db, "Mary Shelley", fixtures.Book{Title: "Frankenstein", Year: 1818}, []string{"gothic"})
	assert.ErrorIs(t, err, gorm.ErrRecordNotFound, "no such author in the library")
	assert.Zero(t, queries.Count("INSERT"), "nothing written for an unknown author")
	var tags int64
	require.NoError(t, db.Model(&fixtures.Tag{}).Count(&tags).Error)
	assert.EqualValues(t, 12, tags, "one new tag in all: feminist")

	queries.Reset()
	jazz, err := publish(db, "Toni Morrison", fixtures.Book{Title: "Jazz", Year: 1992}, []string{"literary", "feminist"})
	require.NoError(t, err)
	names = nil
	require.NoError(t, db.Table("tags").Joins("JOIN book_tags ON book_tags.tag_id = tags.id").
		Where("book_tags.book_id = ?", jazz.ID).Order("tags.name").Pluck("tags.name", &names).Error)
	assert.Equal(t, []string{"feminist", "literary"}, names, "feminist, made by the first call, is now a tag the library has")
	require.NoError(t, db.Model(&fixtures.Tag{}).Count(&tags).Error)
	assert.EqualValues(t, 12, tags, "no tag added for Jazz")
}

package relationships

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestSavingAParentOnlyUpsertsChildKeys: saving an author writes the author, but only the books' author_id.
//
// Save on a parent also saves its loaded children — as an upsert that, on
// conflict, updates the foreign key and nothing else: INSERT … ON CONFLICT
// (id) DO UPDATE SET author_id = excluded.author_id. Changes you made to a
// child's other fields are sent along and thrown away.
//
// Hint: the book already exists, so its INSERT conflicts. When the SQL
// shows (after your first try), read the INSERT INTO books twice: once the
// VALUES, once what happens ON CONFLICT.
// Docs: https://gorm.io/docs/create.html#create_with_associations
// SQL: after first try
func TestSavingAParentOnlyUpsertsChildKeys(t *testing.T) {
	db, queries := fixtures.Library(t)

	var pratchett fixtures.Author
	require.NoError(t, db.Preload("Books").First(&pratchett, 2).Error)
	require.NotEmpty(t, pratchett.Books)
	pratchett.Name = "Sir Terry Pratchett"
	pratchett.Books[0].Title = "The Colour of Magic (revised)"
	queries.Reset()

	require.NoError(t, db.Save(&pratchett).Error)

	var author fixtures.Author
	require.NoError(t, db.First(&author, 2).Error)
	var book fixtures.Book
	require.NoError(t, db.First(&book, pratchett.Books[0].ID).Error)
	sent := strings.Contains(strings.Join(queries.SQL(), "\n"), "(revised)")

	assert.Equal(t, ___, author.Name) // what name is stored?
	assert.Equal(t, __, sent)         // was the new title sent to the database at all?
	assert.Equal(t, ___, book.Title)  // what title is stored?
}

// TestFullSaveAssociationsWritesTheChildren: FullSaveAssociations makes Save update every field of the children too.
//
// When you do mean "save this author and everything I changed under it",
// ask for it: a session with FullSaveAssociations turns the children's
// upsert into ON CONFLICT (id) DO UPDATE SET title = …, year = …,
// author_id = …. It is a session setting (or a gorm.Config field), not a
// method: it applies to every association the statement saves.
//
// Hint: the line already opens a Session; the setting belongs in its
// gorm.Session{…}, and this koan's title names it.
// Docs: https://gorm.io/docs/session.html#FullSaveAssociations
func TestFullSaveAssociationsWritesTheChildren(t *testing.T) {
	db, queries := fixtures.Library(t)

	var pratchett fixtures.Author
	require.NoError(t, db.Preload("Books").First(&pratchett, 2).Error)
	require.NotEmpty(t, pratchett.Books)
	pratchett.Books[0].Title = "The Colour of Magic (revised)"

	// ✎ save the author so that the book's new title is stored too
	require.NoError(t, db.Session(&gorm.Session{}).Save(&pratchett).Error)
	// ✎ end

	var book fixtures.Book
	require.NoError(t, db.First(&book, pratchett.Books[0].ID).Error)
	assert.Equal(t, "The Colour of Magic (revised)", book.Title)
	upserts := 0
	for _, s := range queries.Statements() {
		updatesTitle := strings.Contains(s.SQL, queries.Spelled("DO UPDATE SET `title`")) ||
			strings.Contains(s.SQL, "ON DUPLICATE KEY UPDATE `title`") // MySQL's spelling
		if s.Origin == fixtures.Cascade && s.Table == "books" && updatesTitle {
			upserts++
		}
	}
	// On MySQL an UPDATE that changes nothing counts 0 rows, and Save then
	// upserts the author, its books again with it: twice.
	assert.NotZero(t, upserts, "the author's own Save must upsert its books, title and all: look at what the INSERT INTO books does ON CONFLICT (ON DUPLICATE KEY on MySQL), and who sent it")
	queries.NoHandWritten(t)
}

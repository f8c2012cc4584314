package realworld

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestTranslateErrorNamesTheViolation: with TranslateError, a duplicate key becomes gorm.ErrDuplicatedKey.
//
// By default GORM hands you the driver's own error: a *sqlite3.Error from
// mattn's SQLite driver, another type from the pure-Go one, a
// *pgconn.PgError on PostgreSQL — code that inspects it is tied to one
// driver. With TranslateError the dialector maps the common violations to
// GORM's sentinel errors, and errors.Is works the same on every database.
//
// Hint: authors.name has a unique index, and Jane Austen is already there.
func TestTranslateErrorNamesTheViolation(t *testing.T) {
	plain, _ := fixtures.Library(t)
	translated, _ := fixtures.Library(t, fixtures.WithConfig(func(c *gorm.Config) {
		c.TranslateError = true
	}))

	errPlain := plain.Create(&fixtures.Author{Name: "Jane Austen"}).Error
	errTranslated := translated.Create(&fixtures.Author{Name: "Jane Austen"}).Error
	require.Error(t, errPlain)

	assert.Equal(t, __, errors.Is(errPlain, gorm.ErrDuplicatedKey))      // without TranslateError, is it gorm.ErrDuplicatedKey?
	assert.Equal(t, __, errors.Is(errTranslated, gorm.ErrDuplicatedKey)) // and with TranslateError?
}

// ErrUnknownAuthor is what the application reports when a book names an author that does not exist.
var ErrUnknownAuthor = errors.New("no such author")

// TestMapForeignKeyViolations: turn a foreign-key violation into your own error.
//
// An API that adds a book for author 999 should answer "no such author", not
// leak "FOREIGN KEY constraint failed". Letting the database check is also
// the only race-free way: a SELECT first, then an INSERT, can be overtaken by
// a delete in between.
//
// Hint: two things: ask GORM to translate the driver's errors, then
// recognise the translated one with errors.Is.
func TestMapForeignKeyViolations(t *testing.T) {
	db, _ := fixtures.Library(t, fixtures.WithConfig(func(c *gorm.Config) {
		// ✎ translate driver errors into GORM's
		_ = c
		// ✎ end
	}))

	// ✎ make addBook report ErrUnknownAuthor when the author does not exist
	addBook := func(b *fixtures.Book) error {
		return db.Create(b).Error
	}
	// ✎ end

	assert.ErrorIs(t, addBook(&fixtures.Book{Title: "Nobody's Book", AuthorID: 999}), ErrUnknownAuthor)
	assert.NoError(t, addBook(&fixtures.Book{Title: "Klara and the Sun", Year: 2021, AuthorID: 9}))
}

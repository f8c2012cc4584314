package session

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestFirstIntoALoadedStruct: First into a struct that already has an ID searches within that ID.
//
// The destination is not only where results go: GORM also reads it. If it
// holds a primary key, First adds "AND id = <that key>" to your conditions.
// Reuse a struct for a second lookup and the query can only ever find the
// first row again — or nothing.
//
// Hint: after your first try, read the WHERE of the second SELECT, condition by condition.
// Docs: https://gorm.io/docs/query.html#Retrieving-a-single-object
// SQL: after first try
func TestFirstIntoALoadedStruct(t *testing.T) {
	db, queries := fixtures.Library(t)

	var book fixtures.Book
	require.NoError(t, db.First(&book, 3).Error) // The Tombs of Atuan
	err := db.Where("title = ?", "Mort").First(&book).Error

	assert.Equal(t, __, errors.Is(err, gorm.ErrRecordNotFound)) // did First report "not found"?
	assert.Equal(t, __, queries.Count("SELECT"))                // SELECTs sent?
	assert.Equal(t, ___, book.Title)                            // what does book hold now?
}

// TestOnlyFirstTakeLastSayNotFound: an empty result is an error for First, and not for Find.
//
// First, Take and Last promise one record, so finding none is
// gorm.ErrRecordNotFound. Find fills a slice, and an empty slice is a
// perfectly good answer: its error is nil. Both sent a SELECT that matched no
// row; only the finisher decides whether that is an error.
//
// Hint: both queries below ask for books from the year 3000.
// Docs: https://gorm.io/docs/error_handling.html
func TestOnlyFirstTakeLastSayNotFound(t *testing.T) {
	db, queries := fixtures.Library(t)

	var one fixtures.Book
	firstErr := db.Where("year = ?", 3000).First(&one).Error
	var many []fixtures.Book
	findErr := db.Where("year = ?", 3000).Find(&many).Error

	assert.Equal(t, __, firstErr)  // what did First return?
	assert.Equal(t, __, findErr)   // what did Find return?
	assert.Equal(t, __, len(many)) // books Find put in the slice?
	assert.Equal(t, 2, queries.Count("SELECT"))
}

// TestUpdateOfAMissingRowIsNoError: an UPDATE through a model that matches no row — what GORM reports, and what your struct says.
//
// To SQL, an UPDATE that matches no row is not a failure: it updated zero
// rows, and GORM passes that on — it has no "not found" for writes. And
// GORM does not wait for the database before it touches your struct:
// Update writes the new value into the struct you gave to Model while it
// builds the SET list. So a struct can say a change happened that the
// database never saw. Only RowsAffected, the database's own count, tells.
//
// Hint: there are 32 books, numbered from 1. Which of the three answers
// comes from the database, and which from GORM alone?
// Docs: https://gorm.io/docs/update.html#Updated-Records-Count
func TestUpdateOfAMissingRowIsNoError(t *testing.T) {
	db, _ := fixtures.Library(t)

	ghost := fixtures.Book{ID: 999, Title: "The Colour of Magic", Year: 1983}
	result := db.Model(&ghost).Update("year", 2000)

	assert.Equal(t, __, errors.Is(result.Error, gorm.ErrRecordNotFound)) // did the Update say "not found"?
	assert.Equal(t, __, int(result.RowsAffected))                        // rows the UPDATE changed?
	assert.Equal(t, __, ghost.Year)                                      // the year ghost holds now?
}

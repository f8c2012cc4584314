package session

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestSaveWritesEveryColumn: Save sends every column of the struct, zero values included.
//
// Save does not know what the row held, nor which fields you meant to set:
// with no loaded copy to compare against, it writes the whole struct. A
// struct that holds only an ID and a name therefore blanks every other
// column of the row.
//
// Hint: once you have tried, read the UPDATE in the SQL, column by column, then ask what
// the row holds afterwards.
// Docs: https://gorm.io/docs/update.html#Save-All-Fields
// SQL: after first try
func TestSaveWritesEveryColumn(t *testing.T) {
	db, queries := fixtures.Library(t)

	require.NoError(t, db.Save(&fixtures.Author{ID: 1, Name: "Ursula Le Guin"}).Error)

	var again fixtures.Author
	require.NoError(t, db.First(&again, 1).Error)

	assert.Equal(t /*__*/, 1, queries.Count("UPDATE")) // how many UPDATEs did Save send?
	assert.Equal(t /*___*/, "", again.Country)         // the country stored now?
	assert.Equal(t /*__*/, 0, again.Born)              // the year of birth stored now?
}

// TestSaveALoadedStruct: to change one field with Save, load the whole row first.
//
// Because Save writes every column, the struct you save must hold every
// column's value. Here the book is built from nothing but its ID, so Save
// writes author_id = 0, and the database refuses: there is no author 0 and
// the foreign key is enforced. The GORM way is load, change, Save — or an Update
// that names only the columns it changes.
//
// The koan can tell a load from SQL you wrote yourself, not from values
// you type in after a load you ignore: that copy would pass and teach nothing.
//
// Hint: fill book from the database (First) before the title is changed.
// Docs: https://gorm.io/docs/update.html#Save-All-Fields
func TestSaveALoadedStruct(t *testing.T) {
	db, queries := fixtures.Library(t)

	// ✎ make book hold everything book 1 holds
	//koan: book := fixtures.Book{ID: 1}
	var book fixtures.Book
	require.NoError(t, db.First(&book, 1).Error)
	//dodge copy-by-hand: book := fixtures.Book{ID: 1, Year: 1968, AuthorID: 1}
	//dodge only-the-id: book := fixtures.Book{ID: 1}
	//dodge raw-sql: var book fixtures.Book
	//dodge raw-sql: require.NoError(t, db.Raw("SELECT * FROM books WHERE id = ?", 1).Scan(&book).Error)
	//honest take: var book fixtures.Book
	//honest take: require.NoError(t, db.Take(&book, 1).Error)
	//honest struct-condition: var book fixtures.Book
	//honest struct-condition: require.NoError(t, db.Where(&fixtures.Book{ID: 1}).First(&book).Error)
	// ✎ end
	book.Title = "Earthsea"
	err := db.Save(&book).Error

	assert.NoError(t, err)
	var again fixtures.Book
	require.NoError(t, db.First(&again, 1).Error)
	assert.Equal(t, "Earthsea", again.Title)
	assert.Equal(t, 1968, again.Year)
	assert.Equal(t, uint(1), again.AuthorID)
	assert.Equal(t, []string{"SELECT", "BEGIN", "UPDATE", "COMMIT"}, queries.Keywords()[:4], "load the row, then Save it")
	queries.NoHandWritten(t)
}

// TestSaveOfAMissingRowInserts: Save guesses; an UPDATE that matches nothing becomes an INSERT.
//
// Hibernate and EF know whether an entity is new or loaded: they tracked it.
// GORM only looks at the primary key. Zero means INSERT. Non-zero means
// UPDATE — and if that UPDATE matched no row, Save tries again with an
// INSERT … ON CONFLICT, in a second transaction.
//
// Hint: count the statements by their first word in the SQL (shown after your first try): BEGIN,
// UPDATE, COMMIT, …
// Docs: https://gorm.io/docs/update.html#Save-All-Fields
// SQL: after first try
func TestSaveOfAMissingRowInserts(t *testing.T) {
	db, queries := fixtures.Library(t)

	require.NoError(t, db.Save(&fixtures.Author{ID: 100, Name: "N. K. Jemisin", Country: "United States", Born: 1972}).Error)

	assert.Equal(t /*__*/, 1, queries.Count("UPDATE")) // UPDATEs sent?
	assert.Equal(t /*__*/, 1, queries.Count("INSERT")) // INSERTs sent?
	assert.Equal(t /*__*/, 2, queries.Count("BEGIN"))  // transactions opened?

	var n int64
	require.NoError(t, db.Model(&fixtures.Author{}).Where("id = ?", 100).Count(&n).Error)
	assert.EqualValues(t, 1, n)
}

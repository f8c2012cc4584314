package session

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestUpdatesSkipsZeroValues: Updates with a struct writes only the fields that are not zero.
//
// A Go struct cannot say "not set": an int field left out holds 0, just like
// one set to 0 on purpose. Updates with a struct resolves the doubt one way —
// a zero value means "leave this column alone" — so it can never write a
// zero, an empty string or false.
//
// Hint: after your first try, read the SET list of the UPDATE. Which of the two fields made it?
// Docs: https://gorm.io/docs/update.html#Updates-multiple-columns
// SQL: after first try
func TestUpdatesSkipsZeroValues(t *testing.T) {
	db, queries := fixtures.Library(t)

	// book 2, as seeded: The Left Hand of Darkness, 1969
	require.NoError(t, db.Model(&fixtures.Book{ID: 2}).Updates(fixtures.Book{Title: "Left Hand of Darkness", Year: 0}).Error)

	var again fixtures.Book
	require.NoError(t, db.First(&again, 2).Error)

	assert.Equal(t /*__*/, 1, queries.Count("UPDATE"))            // UPDATEs sent?
	assert.Equal(t /*___*/, "Left Hand of Darkness", again.Title) // the title stored now?
	assert.Equal(t /*__*/, 1969, again.Year)                      // the year stored now?
}

// TestUpdatesCanWriteAZero: name the columns, or use a map, and a zero is written.
//
// Two ways tell Updates that a zero is meant. Select("Title", "Year") lists
// the columns to write whatever they hold; a map[string]any carries exactly
// the keys you put in it, zeros included. Update("year", 0) — one column —
// works too.
//
// Hint: the UPDATE below must set year. Keep the struct and add Select, or
// pass a map with the column names as keys.
// Docs: https://gorm.io/docs/update.html#Update-Selected-Fields
func TestUpdatesCanWriteAZero(t *testing.T) {
	db, queries := fixtures.Library(t)

	// ✎ make this one UPDATE set both the title and year 0 (year unknown)
	//koan: err := db.Model(&fixtures.Book{ID: 2}).Updates(fixtures.Book{Title: "Left Hand of Darkness", Year: 0}).Error
	err := db.Model(&fixtures.Book{ID: 2}).Select("Title", "Year").Updates(fixtures.Book{Title: "Left Hand of Darkness", Year: 0}).Error
	//dodge save: err := db.Save(&fixtures.Book{ID: 2, Title: "Left Hand of Darkness", Year: 0}).Error
	//dodge two-updates: db.Model(&fixtures.Book{ID: 2}).Updates(fixtures.Book{Title: "Left Hand of Darkness"})
	//dodge two-updates: err := db.Model(&fixtures.Book{ID: 2}).Update("year", 0).Error
	//dodge raw-sql: err := db.Exec("UPDATE books SET title = ?, year = ? WHERE id = ?", "Left Hand of Darkness", 0, 2).Error
	//honest map: err := db.Model(&fixtures.Book{ID: 2}).Updates(map[string]any{"title": "Left Hand of Darkness", "year": 0}).Error
	//honest column-names: err := db.Model(&fixtures.Book{ID: 2}).Select("title", "year").Updates(fixtures.Book{Title: "Left Hand of Darkness"}).Error
	// ✎ end
	require.NoError(t, err)

	var again fixtures.Book
	require.NoError(t, db.First(&again, 2).Error)
	assert.Equal(t, 0, again.Year)
	assert.Equal(t, "Left Hand of Darkness", again.Title)
	assert.Equal(t, uint(1), again.AuthorID, "only the title and the year may change")
	assert.Equal(t, 1, queries.Count("UPDATE"))
	queries.Built(t, "UPDATE", "SET", "WHERE")

}

//go:build koans_mysql

package querying

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestCollationIgnoresCase: on MySQL, = on text ignores case, and so does a unique key.
//
// A MySQL column compares text by its collation, and the usual ones
// (utf8mb4_unicode_ci, utf8mb4_0900_ai_ci; _ci for case-insensitive) take
// "terry pratchett" for "Terry Pratchett": = finds it, and a unique key
// refuses it as a duplicate. SQLite and PostgreSQL compare bytes: neither
// does. To compare exactly on MySQL, name a binary collation in the
// condition (name = ? COLLATE utf8mb4_bin) or give the column one
// (gorm:"type:varchar(256) COLLATE utf8mb4_bin").
//
// Hint: the library has Terry Pratchett, spelled with capitals; the
// authors' names are a unique index.
//
// Database: mysql
// Docs: https://gorm.io/docs/query.html#String-Conditions
// SQL: after first try
func TestCollationIgnoresCase(t *testing.T) {
	db, _ := fixtures.Library(t, fixtures.WithConfig(func(c *gorm.Config) { c.TranslateError = true }))

	var found []fixtures.Author
	require.NoError(t, db.Where("name = ?", "terry pratchett").Find(&found).Error)
	var exact []fixtures.Author
	require.NoError(t, db.Where("name = ? COLLATE utf8mb4_bin", "terry pratchett").Find(&exact).Error)
	shouted := db.Create(&fixtures.Author{Name: "TERRY PRATCHETT"}).Error

	assert.Equal(t /*__*/, 1, len(found))                                   // how many authors did name = 'terry pratchett' find?
	assert.Equal(t /*__*/, 0, len(exact))                                   // and with COLLATE utf8mb4_bin?
	assert.Equal(t /*__*/, true, errors.Is(shouted, gorm.ErrDuplicatedKey)) // was "TERRY PRATCHETT" refused as a duplicate?
}

// TestFindTheExactSpelling: on MySQL, find a title spelled exactly as asked, by naming a binary collation in the condition.
//
// The reader wants the novel "It", and the catalogue also holds a
// manual called "IT". Under the database's case-insensitive collation,
// title = 'It' finds both. COLLATE utf8mb4_bin after the value (or BINARY
// before the column) compares the bytes, for this condition only; the
// column and its indexes keep their collation. Loading both and comparing
// in Go gets the same answer, after reading rows the database could have
// left behind.
//
// Hint: keep Where and its placeholder; write the collation into the
// condition's SQL text.
//
// Database: mysql
// Docs: https://gorm.io/docs/query.html#String-Conditions
func TestFindTheExactSpelling(t *testing.T) {
	db, queries := fixtures.Library(t)
	require.NoError(t, db.Create([]fixtures.Book{{Title: "IT", Year: 2001, AuthorID: 5}, {Title: "It", Year: 1986, AuthorID: 5}}).Error)
	queries.Reset()

	var found []fixtures.Book
	// ✎ find the books titled "It", spelled so
	//koan: require.NoError(t, db.Where("title = ?", "It").Find(&found).Error)
	require.NoError(t, db.Where("title = ? COLLATE utf8mb4_bin", "It").Find(&found).Error)
	//dodge filter-in-go: var either []fixtures.Book
	//dodge filter-in-go: require.NoError(t, db.Where("title = ?", "It").Find(&either).Error)
	//dodge filter-in-go: for _, b := range either { if b.Title == "It" { found = append(found, b) } }
	//dodge like: require.NoError(t, db.Where("title LIKE ?", "It").Find(&found).Error)
	//dodge general-ci: require.NoError(t, db.Where("title = ? COLLATE utf8mb4_general_ci", "It").Find(&found).Error)
	//dodge raw-sql: require.NoError(t, db.Raw("SELECT * FROM books WHERE BINARY title = ?", "It").Scan(&found).Error)
	//honest binary: require.NoError(t, db.Where("BINARY title = ?", "It").Find(&found).Error)
	//honest collate-the-column: require.NoError(t, db.Where("title COLLATE utf8mb4_bin = ?", "It").Find(&found).Error)
	// ✎ end

	queries.Built(t, "SELECT", "WHERE")
	queries.ReadAtMost(t, 1)
	assert.Equal(t, []string{"It"}, fixtures.Titles(found))
}

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

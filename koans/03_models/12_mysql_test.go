package models

import (
	"errors"
	"testing"

	"github.com/go-sql-driver/mysql"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// ReaderNote is a reader's word on a book: its text in MySQL's old three-byte
// utf8, its mood in utf8mb4.
type ReaderNote struct {
	ID   uint
	Text string `gorm:"type:varchar(100) CHARACTER SET utf8mb3"`
	Mood string `gorm:"size:100"`
}

// TestUtf8mb4HoldsWhatUtf8Cannot: MySQL's "utf8" is three bytes a character at most; an emoji needs utf8mb4.
//
// MySQL's utf8 (utf8mb3) stores at most three bytes a character, and most
// emoji and some CJK characters take four: in strict mode the INSERT is
// refused, error 1366 "Incorrect string value". utf8mb4 is real UTF-8, and
// the koans' databases use it (as the server's default now does). Four
// bytes a character is also where GORM's old varchar(191) comes from: an
// index key of InnoDB's old row format held 767 bytes, and 191 × 4 = 764.
// Today's limit is 3072 bytes (768 characters): past it MySQL refuses the
// index (error 1071) and MariaDB quietly indexes a prefix, so give every
// indexed string a size.
//
// Hint: LENGTH counts bytes, CHAR_LENGTH characters. 📚 is U+1F4DA.
//
// Database: mysql
// Docs: https://gorm.io/docs/connecting_to_the_database.html#MySQL
func TestUtf8mb4HoldsWhatUtf8Cannot(t *testing.T) {
	db, _ := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&ReaderNote{}))

	textErr := db.Create(&ReaderNote{Text: "Loved it 📚"}).Error
	mood := ReaderNote{Mood: "📚"}
	require.NoError(t, db.Create(&mood).Error)
	var bytes, chars int
	require.NoError(t, db.Raw("SELECT LENGTH(mood), CHAR_LENGTH(mood) FROM reader_notes WHERE id = ?", mood.ID).Row().Scan(&bytes, &chars))
	var refused *mysql.MySQLError
	errors.As(textErr, &refused)

	assert.Equal(t, __, refused != nil)      // was the emoji refused by the utf8mb3 column?
	assert.Equal(t, __, int(refused.Number)) // with which error number?
	assert.Equal(t, __, bytes)               // how many bytes does 📚 take in utf8mb4?
	assert.Equal(t, __, chars)               // how many characters?
}

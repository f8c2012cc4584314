package session

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// errNoSuchAuthor is what retire returns for an author who is not there.
var errNoSuchAuthor = errors.New("no such author")

// TestRetireAnAuthor: write retire — one transaction, two UPDATEs, zeros written, and nothing at all for a missing author.
//
// Everything this phase showed, in one function. Retiring author id clears
// their country (an empty string: a zero) and sets year 0 on every one of
// their books, as one unit. GORM will not notice a missing author for you:
// an UPDATE that matches no row is a success with RowsAffected 0, so
// retire must turn that into errNoSuchAuthor, and the error must roll the
// unit back. No SELECT is needed to find out.
//
// Hint: db.Transaction; Update (one column) or a map writes a zero, a
// struct does not; check RowsAffected of the author's UPDATE before you
// touch the books.
// Docs: https://gorm.io/docs/transactions.html
func TestRetireAnAuthor(t *testing.T) {
	db, queries := fixtures.Library(t)

	// ✎ write retire
	retire := func(db *gorm.DB, id uint) error {
		db.Model(&fixtures.Author{ID: id}).Updates(fixtures.Author{Country: ""})
		db.Model(&fixtures.Book{}).Where("author_id = ?", id).Updates(fixtures.Book{Year: 0})
		return nil
	}
	// ✎ end

	require.NoError(t, retire(db, 1))
	assert.Equal(t, []string{"BEGIN", "UPDATE", "UPDATE", "COMMIT"}, queries.Keywords(), "one unit, two UPDATEs")
	queries.NoHandWritten(t)
	queries.InTransaction(t, "UPDATE")
	queries.Reset()
	assert.ErrorIs(t, retire(db, 999), errNoSuchAuthor)
	assert.Equal(t, []string{"BEGIN", "UPDATE", "ROLLBACK"}, queries.Keywords(), "no author 999: stop, and roll back")

	var leguin fixtures.Author
	require.NoError(t, db.First(&leguin, 1).Error)
	assert.Equal(t, "", leguin.Country)
	var years []int
	require.NoError(t, db.Model(&fixtures.Book{}).Where("author_id = ?", 1).Distinct().Pluck("year", &years).Error)
	assert.Equal(t, []int{0}, years)
	var untouched int64
	require.NoError(t, db.Model(&fixtures.Book{}).Where("year > 0").Count(&untouched).Error)
	assert.EqualValues(t, 27, untouched, "the other authors' books keep their years")
}

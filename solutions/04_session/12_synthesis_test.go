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
	//koan: retire := func(db *gorm.DB, id uint) error {
	//koan: 	db.Model(&fixtures.Author{ID: id}).Updates(fixtures.Author{Country: ""})
	//koan: 	db.Model(&fixtures.Book{}).Where("author_id = ?", id).Updates(fixtures.Book{Year: 0})
	//koan: 	return nil
	//koan: }
	retire := func(db *gorm.DB, id uint) error {
		return db.Transaction(func(tx *gorm.DB) error {
			result := tx.Model(&fixtures.Author{ID: id}).Update("country", "")
			if result.Error != nil {
				return result.Error
			}
			if result.RowsAffected == 0 {
				return errNoSuchAuthor
			}
			return tx.Model(&fixtures.Book{}).Where("author_id = ?", id).Update("year", 0).Error
		})
	}
	//dodge struct-updates: retire := func(db *gorm.DB, id uint) error {
	//dodge struct-updates: 	return db.Transaction(func(tx *gorm.DB) error {
	//dodge struct-updates: 		result := tx.Model(&fixtures.Author{ID: id}).Updates(fixtures.Author{Country: ""})
	//dodge struct-updates: 		if result.Error != nil {
	//dodge struct-updates: 			return result.Error
	//dodge struct-updates: 		}
	//dodge struct-updates: 		if result.RowsAffected == 0 {
	//dodge struct-updates: 			return errNoSuchAuthor
	//dodge struct-updates: 		}
	//dodge struct-updates: 		return tx.Model(&fixtures.Book{}).Where("author_id = ?", id).Updates(fixtures.Book{Year: 0}).Error
	//dodge struct-updates: 	})
	//dodge struct-updates: }
	//dodge no-rows-check: retire := func(db *gorm.DB, id uint) error {
	//dodge no-rows-check: 	return db.Transaction(func(tx *gorm.DB) error {
	//dodge no-rows-check: 		if err := tx.Model(&fixtures.Author{ID: id}).Update("country", "").Error; err != nil {
	//dodge no-rows-check: 			return err
	//dodge no-rows-check: 		}
	//dodge no-rows-check: 		return tx.Model(&fixtures.Book{}).Where("author_id = ?", id).Update("year", 0).Error
	//dodge no-rows-check: 	})
	//dodge no-rows-check: }
	//dodge select-first: retire := func(db *gorm.DB, id uint) error {
	//dodge select-first: 	return db.Transaction(func(tx *gorm.DB) error {
	//dodge select-first: 		var author fixtures.Author
	//dodge select-first: 		if err := tx.First(&author, id).Error; err != nil {
	//dodge select-first: 			return errNoSuchAuthor
	//dodge select-first: 		}
	//dodge select-first: 		if err := tx.Model(&author).Update("country", "").Error; err != nil {
	//dodge select-first: 			return err
	//dodge select-first: 		}
	//dodge select-first: 		return tx.Model(&fixtures.Book{}).Where("author_id = ?", id).Update("year", 0).Error
	//dodge select-first: 	})
	//dodge select-first: }
	//dodge no-transaction: retire := func(db *gorm.DB, id uint) error {
	//dodge no-transaction: 	result := db.Model(&fixtures.Author{ID: id}).Update("country", "")
	//dodge no-transaction: 	if result.RowsAffected == 0 {
	//dodge no-transaction: 		return errNoSuchAuthor
	//dodge no-transaction: 	}
	//dodge no-transaction: 	return db.Model(&fixtures.Book{}).Where("author_id = ?", id).Update("year", 0).Error
	//dodge no-transaction: }
	//dodge begin-by-hand: retire := func(db *gorm.DB, id uint) error {
	//dodge begin-by-hand: 	s := db.Session(&gorm.Session{SkipDefaultTransaction: true})
	//dodge begin-by-hand: 	s.Exec("BEGIN")
	//dodge begin-by-hand: 	result := s.Model(&fixtures.Author{ID: id}).Update("country", "")
	//dodge begin-by-hand: 	if result.Error != nil || result.RowsAffected == 0 {
	//dodge begin-by-hand: 		s.Exec("ROLLBACK")
	//dodge begin-by-hand: 		return errNoSuchAuthor
	//dodge begin-by-hand: 	}
	//dodge begin-by-hand: 	err := s.Model(&fixtures.Book{}).Where("author_id = ?", id).Update("year", 0).Error
	//dodge begin-by-hand: 	s.Exec("COMMIT")
	//dodge begin-by-hand: 	return err
	//dodge begin-by-hand: }
	//dodge raw-sql: retire := func(db *gorm.DB, id uint) error {
	//dodge raw-sql: 	return db.Transaction(func(tx *gorm.DB) error {
	//dodge raw-sql: 		result := tx.Exec("UPDATE authors SET country = '' WHERE id = ?", id)
	//dodge raw-sql: 		if result.Error != nil {
	//dodge raw-sql: 			return result.Error
	//dodge raw-sql: 		}
	//dodge raw-sql: 		if result.RowsAffected == 0 {
	//dodge raw-sql: 			return errNoSuchAuthor
	//dodge raw-sql: 		}
	//dodge raw-sql: 		return tx.Exec("UPDATE books SET year = 0 WHERE author_id = ?", id).Error
	//dodge raw-sql: 	})
	//dodge raw-sql: }
	//honest begin-commit: retire := func(db *gorm.DB, id uint) error {
	//honest begin-commit: 	tx := db.Begin()
	//honest begin-commit: 	result := tx.Model(&fixtures.Author{}).Where("id = ?", id).Updates(map[string]any{"country": ""})
	//honest begin-commit: 	if result.Error != nil || result.RowsAffected == 0 {
	//honest begin-commit: 		tx.Rollback()
	//honest begin-commit: 		if result.Error != nil {
	//honest begin-commit: 			return result.Error
	//honest begin-commit: 		}
	//honest begin-commit: 		return errNoSuchAuthor
	//honest begin-commit: 	}
	//honest begin-commit: 	if err := tx.Model(&fixtures.Book{}).Where("author_id = ?", id).Updates(map[string]any{"year": 0}).Error; err != nil {
	//honest begin-commit: 		tx.Rollback()
	//honest begin-commit: 		return err
	//honest begin-commit: 	}
	//honest begin-commit: 	return tx.Commit().Error
	//honest begin-commit: }
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

package connecting

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestTransactionCommitsOrRollsBack: the callback's return value decides between COMMIT and ROLLBACK.
//
// db.Transaction opens BEGIN, runs your callback with tx bound to that
// transaction, and ends it for you: return nil and it commits, return an error
// (or panic) and it rolls back and hands the error back to you. Inside the
// callback, use tx — never db — or the statement runs outside the transaction.
//
// Hint: read the statements below in order. Each Transaction call opens with
// BEGIN; what closes each one?
//
// Docs: https://gorm.io/docs/transactions.html#Transaction
// SQL: after first try
func TestTransactionCommitsOrRollsBack(t *testing.T) {
	db, queries := fixtures.Library(t)

	require.NoError(t, db.Transaction(func(tx *gorm.DB) error {
		return tx.Create(&fixtures.Tag{Name: "memoir"}).Error
	}))

	changedMyMind := errors.New("changed my mind")
	err := db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(&fixtures.Tag{Name: "essay"}).Error; err != nil {
			return err
		}
		return changedMyMind
	})
	sent := queries.Keywords()

	var n int64
	require.NoError(t, db.Model(&fixtures.Tag{}).Count(&n).Error)

	assert.Equal(t, __, errors.Is(err, changedMyMind)) // did Transaction hand back your error?
	assert.Equal(t,
		__, // what did the two transactions send?
		sent)
	assert.Equal(t, __, int(n)) // how many tags are there now (the seed has 11)?
}

// TestTransactionMakesAllOrNothing: make the two inserts succeed or fail together.
//
// The second book points at author 999, who does not exist, so the database
// refuses it (the foreign key). As written, the first book is already committed
// by then: each Create is its own transaction. Put both in one transaction and
// the failure takes the first book with it.
//
// Hint: db.Transaction(func(tx *gorm.DB) error { … }) — create both books with
// tx and return the first error you meet.
//
// Docs: https://gorm.io/docs/transactions.html#Transaction
func TestTransactionMakesAllOrNothing(t *testing.T) {
	db, queries := fixtures.Library(t)

	first := fixtures.Book{Title: "Half a Saga", Year: 2024, AuthorID: 9}
	second := fixtures.Book{Title: "The Other Half", Year: 2025, AuthorID: 999}
	var err error
	// ✎ create both books in one transaction; err is the transaction's error
	db.Create(&first)
	err = db.Create(&second).Error
	// ✎ end
	require.Error(t, err, "the second book's author does not exist")
	sent := queries.Keywords()

	var n int64
	require.NoError(t, db.Model(&fixtures.Book{}).Where("title = ?", "Half a Saga").Count(&n).Error)
	assert.Zero(t, n, "the first book must not survive the failure")
	assert.Equal(t, []string{"BEGIN", "INSERT", "INSERT", "ROLLBACK"}, sent,
		"one transaction: both INSERTs sent, then rolled back together")
}

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
// A rollback undoes what the database did; it does not reach into your Go
// values.
//
// Hint: the second callback's INSERT succeeded before the callback changed
// its mind. Which ending does each transaction get, and what had the INSERT
// already written into the struct by then?
//
// Docs: https://gorm.io/docs/transactions.html#Transaction
// SQL: after first try
func TestTransactionCommitsOrRollsBack(t *testing.T) {
	db, queries := fixtures.Library(t)

	require.NoError(t, db.Transaction(func(tx *gorm.DB) error {
		return tx.Create(&fixtures.Tag{Name: "memoir"}).Error
	}))

	changedMyMind := errors.New("changed my mind")
	essay := fixtures.Tag{Name: "essay"}
	err := db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(&essay).Error; err != nil {
			return err
		}
		return changedMyMind
	})
	sent := queries.Keywords()

	var found int64
	require.NoError(t, db.Model(&fixtures.Tag{}).Where("id = ?", essay.ID).Count(&found).Error)

	assert.Equal(t, __, errors.Is(err, changedMyMind)) // did Transaction hand back your error?
	assert.Equal(t,
		__, // what did the two transactions send?
		sent)
	assert.Equal(t, __, essay.ID != 0) // does the rolled-back essay struct still hold an ID?
	assert.Equal(t, __, int(found))    // how many tags have that ID now?
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
	queries.InTransaction(t, "INSERT")

	var n int64
	require.NoError(t, db.Model(&fixtures.Book{}).Where("title = ?", "Half a Saga").Count(&n).Error)
	assert.Zero(t, n, "the first book must not survive the failure")
	assert.Equal(t, []string{"BEGIN", "INSERT", "INSERT", "ROLLBACK"}, sent,
		"one transaction: both INSERTs sent, then rolled back together")
}

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

	assert.Equal(t /*__*/, true, errors.Is(err, changedMyMind)) // did Transaction hand back your error?
	assert.Equal(t,
		/*__*/ []string{"BEGIN", "INSERT", "COMMIT", "BEGIN", "INSERT", "ROLLBACK"}, // what did the two transactions send?
		sent)
	assert.Equal(t /*__*/, true, essay.ID != 0) // does the rolled-back essay struct still hold an ID?
	assert.Equal(t /*__*/, 0, int(found))       // how many tags have that ID now?
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
	//koan: db.Create(&first)
	//koan: err = db.Create(&second).Error
	//dodge only-second: err, _ = db.Create(&second).Error, first
	//dodge delete-after: require.NoError(t, db.Create(&first).Error)
	//dodge delete-after: if err = db.Create(&second).Error; err != nil {
	//dodge delete-after: 	db.Delete(&first)
	//dodge delete-after: }
	//dodge exec-begin: s := db.Session(&gorm.Session{SkipDefaultTransaction: true})
	//dodge exec-begin: require.NoError(t, s.Exec("BEGIN").Error)
	//dodge exec-begin: if err = s.Create(&first).Error; err == nil {
	//dodge exec-begin: 	err = s.Create(&second).Error
	//dodge exec-begin: }
	//dodge exec-begin: if err != nil {
	//dodge exec-begin: 	s.Exec("ROLLBACK")
	//dodge exec-begin: } else {
	//dodge exec-begin: 	s.Exec("COMMIT")
	//dodge exec-begin: }
	//dodge check-first: var authors int64
	//dodge check-first: require.NoError(t, db.Model(&fixtures.Author{}).Where("id IN ?", []uint{first.AuthorID, second.AuthorID}).Count(&authors).Error)
	//dodge check-first: if err = errors.New("an author is missing"); authors == 2 {
	//dodge check-first: 	err = db.Create(&[]fixtures.Book{first, second}).Error
	//dodge check-first: }
	//honest begin-commit: tx := db.Begin()
	//honest begin-commit: if err = tx.Create(&first).Error; err == nil {
	//honest begin-commit: 	err = tx.Create(&second).Error
	//honest begin-commit: }
	//honest begin-commit: if err != nil {
	//honest begin-commit: 	tx.Rollback()
	//honest begin-commit: } else {
	//honest begin-commit: 	err = tx.Commit().Error
	//honest begin-commit: }
	err = db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(&first).Error; err != nil {
			return err
		}
		return tx.Create(&second).Error
	})
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

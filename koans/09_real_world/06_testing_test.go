package realworld

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestRollBackAfterEachTest: run each test inside a transaction and roll it back when the test ends.
//
// Tests against one shared database must not see each other's rows. The
// cheap way: begin a transaction, give the test the tx instead of db, and
// roll back in t.Cleanup. Whatever the test wrote disappears, whether it
// passed or failed, and nothing needs deleting by hand. (A transaction that
// is never ended keeps its connection: on this one-connection pool, the next
// query would wait forever.)
//
// Hint: t.Cleanup runs when the subtest ends. Commit keeps the writes;
// what throws them away?
// Docs: https://gorm.io/docs/transactions.html#Control-the-transaction-manually
func TestRollBackAfterEachTest(t *testing.T) {
	db, queries := fixtures.Library(t)

	t.Run("adds an author", func(t *testing.T) {
		tx := db.Begin()
		require.NoError(t, tx.Error)
		// ✎ make the subtest leave the database as it found it
		t.Cleanup(func() { tx.Commit() })
		// ✎ end

		require.NoError(t, tx.Create(&fixtures.Author{Name: "Ted Chiang"}).Error)
		var n int64
		require.NoError(t, tx.Model(&fixtures.Author{}).Count(&n).Error)
		assert.EqualValues(t, 10, n, "inside the test, the new author is there")
	})

	var n int64
	require.NoError(t, db.Model(&fixtures.Author{}).Count(&n).Error)
	assert.EqualValues(t, 9, n, "after the test, it is gone")
	assert.Zero(t, queries.Count("COMMIT"), "nothing the test wrote was ever committed")
	assert.Zero(t, queries.Count("DELETE"), "and nothing needed deleting")
	queries.InTransaction(t, "INSERT")
	rolledBack := false
	for _, s := range queries.By(fixtures.Transaction) {
		rolledBack = rolledBack || strings.HasPrefix(s.SQL, "ROLLBACK")
	}
	assert.True(t, rolledBack, "the test's transaction ends with GORM's own Rollback, not with SQL text")
}

// TestCodeUnderTestMayOpenTransactions: code that opens its transaction with Transaction runs inside the test's; code that calls Begin does not.
//
// The code you test often opens a transaction of its own, and the test
// hands it the test's tx. GORM can nest only one way: db.Transaction on a
// tx becomes a SAVEPOINT (phase 2), so that code runs and the test's
// ROLLBACK still undoes it. db.Begin on a tx has nothing to begin: GORM
// answers gorm.ErrInvalidTransaction before any SQL is sent. Code written
// with Begin/Commit cannot be tested this way; code written with
// Transaction can.
//
// Hint: two pieces of code under test, one test transaction. Which of them
// got as far as an INSERT? Read what the test's transaction held before
// its ROLLBACK.
// Docs: https://gorm.io/docs/transactions.html#Nested-Transactions
// SQL: after first try
func TestCodeUnderTestMayOpenTransactions(t *testing.T) {
	db, queries := fixtures.Library(t)
	addWithTransaction := func(db *gorm.DB) error { // code under test, one way
		return db.Transaction(func(tx *gorm.DB) error {
			return tx.Create(&fixtures.Author{Name: "Ted Chiang"}).Error
		})
	}
	addWithBegin := func(db *gorm.DB) error { // and the other
		tx := db.Begin()
		if tx.Error != nil {
			return tx.Error
		}
		if err := tx.Create(&fixtures.Author{Name: "N. K. Jemisin"}).Error; err != nil {
			tx.Rollback()
			return err
		}
		return tx.Commit().Error
	}

	test := db.Begin() // the test's transaction
	require.NoError(t, test.Error)
	errTransaction := addWithTransaction(test)
	errBegin := addWithBegin(test)
	require.NoError(t, test.Rollback().Error)

	var n int64
	require.NoError(t, db.Model(&fixtures.Author{}).Count(&n).Error)
	assert.Equal(t, __, errTransaction == nil)   // did the code that calls Transaction succeed?
	assert.Equal(t, __, errBegin == nil)         // did the code that calls Begin?
	assert.Equal(t, __, queries.Count("INSERT")) // how many INSERTs reached the database?
	assert.Equal(t, __, int(n))                  // how many authors are there after the test's rollback?
	assert.True(t, errors.Is(errBegin, gorm.ErrInvalidTransaction), "Begin on a transaction: %v", errBegin)
}

package connecting

import (
	"database/sql"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestManualTransactionGroupsWrites: open a transaction by hand, let other code write in it, and commit it.
//
// db.Transaction is a wrapper around three calls you can make yourself:
// tx := db.Begin(), then writes on tx, then tx.Commit() (or tx.Rollback()).
// Doing it by hand is for when the transaction cannot fit in one function —
// here addTags writes with whatever handle it is given — but then ending it,
// on every path, is your job.
//
// Hint: Begin returns a new *gorm.DB bound to the transaction: hand that to
// addTags, and end it with Commit. Check each Error.
//
// Docs: https://gorm.io/docs/transactions.html#Control-the-transaction-manually
func TestManualTransactionGroupsWrites(t *testing.T) {
	db, queries := fixtures.Library(t)

	// ✎ begin a transaction: tx
	tx := db
	// ✎ end
	require.NoError(t, tx.Error)

	addTags(t, tx, "memoir", "essay")

	// ✎ end the transaction, keeping both tags
	_ = tx
	// ✎ end

	if queries.InTransaction(t, "INSERT") {
		assert.Equal(t, []string{"BEGIN", "INSERT", "INSERT", "COMMIT"}, queries.Keywords(), "one transaction, ended by a COMMIT")
	}
}

// addTags creates one tag per name with the handle it is given: inside a
// transaction if that handle is one.
func addTags(t *testing.T, db *gorm.DB, names ...string) {
	t.Helper()
	for _, name := range names {
		require.NoError(t, db.Create(&fixtures.Tag{Name: name}).Error)
	}
}

// TestCommitAfterRollbackFails: once a transaction has ended, it cannot be ended again.
//
// A manual transaction ends exactly once. After Rollback the *gorm.DB still
// exists, but its transaction is gone: Commit returns database/sql's
// sql.ErrTxDone instead of quietly saving anything.
//
// Hint: what did the Rollback already throw away, and what is left to commit?
//
// Docs: https://gorm.io/docs/transactions.html#Control-the-transaction-manually
func TestCommitAfterRollbackFails(t *testing.T) {
	db, _ := fixtures.Library(t)

	tx := db.Begin()
	require.NoError(t, tx.Error)
	require.NoError(t, tx.Create(&fixtures.Tag{Name: "memoir"}).Error)
	require.NoError(t, tx.Rollback().Error)
	err := tx.Commit().Error

	var n int64
	require.NoError(t, db.Model(&fixtures.Tag{}).Where("name = ?", "memoir").Count(&n).Error)

	assert.Equal(t, __, errors.Is(err, sql.ErrTxDone)) // did Commit fail with sql.ErrTxDone?
	assert.Equal(t, __, int(n))                        // how many "memoir" tags were saved?
}

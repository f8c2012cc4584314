package connecting

import (
	"database/sql"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestManualTransactionGroupsWrites: with Begin and Commit, put two inserts in one transaction by hand.
//
// db.Transaction is a wrapper around three calls you can make yourself:
// tx := db.Begin(), then writes on tx, then tx.Commit() (or tx.Rollback()).
// Doing it by hand is for when the transaction cannot fit in one function —
// but then ending it on every path is your job.
//
// Hint: Begin returns a new *gorm.DB bound to the transaction: both Creates
// must go through it, and Commit ends it. Check each Error.
func TestManualTransactionGroupsWrites(t *testing.T) {
	db, queries := fixtures.Library(t)

	// ✎ send both INSERTs inside one BEGIN … COMMIT, using db.Begin()
	require.NoError(t, db.Create(&fixtures.Tag{Name: "memoir"}).Error)
	require.NoError(t, db.Create(&fixtures.Tag{Name: "essay"}).Error)
	// ✎ end

	assert.Equal(t, []string{"BEGIN", "INSERT", "INSERT", "COMMIT"}, queries.Keywords())
}

// TestCommitAfterRollbackFails: once a transaction has ended, it cannot be ended again.
//
// A manual transaction ends exactly once. After Rollback the *gorm.DB still
// exists, but its transaction is gone: Commit returns database/sql's
// sql.ErrTxDone instead of quietly saving anything.
//
// Hint: what did the Rollback already throw away, and what is left to commit?
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

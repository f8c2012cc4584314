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
	//koan: tx := db
	//dodge session: tx := db.Session(&gorm.Session{})
	//dodge exec-begin: tx := db.Session(&gorm.Session{SkipDefaultTransaction: true})
	//dodge exec-begin: require.NoError(t, tx.Exec("BEGIN").Error)
	//dodge database-sql: sqlDB, err := db.DB()
	//dodge database-sql: require.NoError(t, err)
	//dodge database-sql: sqlTx, err := sqlDB.Begin()
	//dodge database-sql: require.NoError(t, err)
	//dodge database-sql: tx := db.Session(&gorm.Session{SkipDefaultTransaction: true})
	//dodge database-sql: tx.Statement.ConnPool = sqlTx
	//honest with-context: tx := db.WithContext(t.Context()).Begin(&sql.TxOptions{})
	tx := db.Begin()
	// ✎ end
	require.NoError(t, tx.Error)

	addTags(t, tx, "memoir", "essay")

	// ✎ end the transaction, keeping both tags
	//koan: _ = tx
	//dodge session: _ = tx
	//dodge exec-begin: require.NoError(t, tx.Exec("COMMIT").Error)
	//dodge database-sql: require.NoError(t, sqlTx.Commit())
	//honest with-context: require.NoError(t, tx.Commit().Error)
	require.NoError(t, tx.Commit().Error)
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

	assert.Equal(t /*__*/, true, errors.Is(err, sql.ErrTxDone)) // did Commit fail with sql.ErrTxDone?
	assert.Equal(t /*__*/, 0, int(n))                           // how many "memoir" tags were saved?
}

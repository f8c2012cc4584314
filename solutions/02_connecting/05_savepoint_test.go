package connecting

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestNestedTransactionIsASavepoint: a Transaction inside a Transaction rolls back only its own work.
//
// SQLite and PostgreSQL, like most databases, have no real nested
// transactions. GORM turns an inner tx.Transaction into a SAVEPOINT: an
// inner error rolls back to that savepoint and the outer transaction
// carries on. Whether the outer one
// commits is still up to its own callback.
//
// Hint: the outer callback ignores the inner error and returns nil. Follow
// the statements: SAVEPOINT, then what?
//
// Docs: https://gorm.io/docs/transactions.html#Nested-Transactions
// SQL: after first try
func TestNestedTransactionIsASavepoint(t *testing.T) {
	db, queries := fixtures.Library(t)

	require.NoError(t, db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(&fixtures.Tag{Name: "memoir"}).Error; err != nil {
			return err
		}
		_ = tx.Transaction(func(inner *gorm.DB) error {
			if err := inner.Create(&fixtures.Tag{Name: "essay"}).Error; err != nil {
				return err
			}
			return errors.New("not this one")
		})
		return nil
	}))
	savepoints := queries.Count("SAVEPOINT")

	var kept []string
	require.NoError(t, db.Model(&fixtures.Tag{}).Where("name IN ?", []string{"memoir", "essay"}).Pluck("name", &kept).Error)

	assert.Equal(t /*__*/, 1, savepoints)            // how many statements began with SAVEPOINT?
	assert.Equal(t /*__*/, []string{"memoir"}, kept) // which of the two new tags are in the table?
}

// TestSavePointUndoesPartOfATransaction: keep "memoir" but undo "essay", inside one manual transaction.
//
// A manual transaction can mark a point with tx.SavePoint(name) and later
// tx.RollbackTo(name): the work done since the mark is undone, what came
// before stays, and the transaction goes on to its Commit. It is what a
// nested tx.Transaction does for you, by hand, with a name you choose.
//
// Hint: mark the savepoint before creating "essay", then roll back to it.
// Every call returns a *gorm.DB: check its Error. (GORM's own savepoint
// calls are what the koan checks for, not the text SAVEPOINT sent by Exec.)
//
// Docs: https://gorm.io/docs/transactions.html
func TestSavePointUndoesPartOfATransaction(t *testing.T) {
	db, queries := fixtures.Library(t)

	tx := db.Begin()
	require.NoError(t, tx.Error)
	require.NoError(t, tx.Create(&fixtures.Tag{Name: "memoir"}).Error)
	// ✎ create "essay" after a savepoint, then undo it with RollbackTo
	//koan: require.NoError(t, tx.Create(&fixtures.Tag{Name: "essay"}).Error)
	//dodge delete-it: essay := fixtures.Tag{Name: "essay"}
	//dodge delete-it: require.NoError(t, tx.Create(&essay).Error)
	//dodge delete-it: require.NoError(t, tx.Delete(&essay).Error)
	//dodge skip-it: _ = tx
	//dodge exec-savepoint: require.NoError(t, tx.Exec("SAVEPOINT before_essay").Error)
	//dodge exec-savepoint: require.NoError(t, tx.Create(&fixtures.Tag{Name: "essay"}).Error)
	//dodge exec-savepoint: require.NoError(t, tx.Exec("ROLLBACK TO SAVEPOINT before_essay").Error)
	//honest nested: _ = tx.Transaction(func(inner *gorm.DB) error {
	//honest nested: 	if err := inner.Create(&fixtures.Tag{Name: "essay"}).Error; err != nil {
	//honest nested: 		return err
	//honest nested: 	}
	//honest nested: 	return errors.New("undo essay")
	//honest nested: })
	require.NoError(t, tx.SavePoint("before_essay").Error)
	require.NoError(t, tx.Create(&fixtures.Tag{Name: "essay"}).Error)
	require.NoError(t, tx.RollbackTo("before_essay").Error)
	// ✎ end
	require.NoError(t, tx.Commit().Error)
	sent := queries.Keywords()

	var names []string
	require.NoError(t, db.Model(&fixtures.Tag{}).Where("name IN ?", []string{"memoir", "essay"}).Pluck("name", &names).Error)
	assert.Equal(t, []string{"memoir"}, names)
	assert.Equal(t, []string{"BEGIN", "INSERT", "SAVEPOINT", "INSERT", "ROLLBACK", "COMMIT"}, sent,
		"essay was sent, then rolled back to the savepoint")
	builtSavepoints(t, queries, 1)
}

//go:build koans_postgres

package connecting

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestForUpdateHoldsTheRow: on PostgreSQL, FOR UPDATE really locks the row: a second transaction may read it, not lock it.
//
// SQLite locks the whole database; PostgreSQL locks rows. Inside a
// transaction, SELECT … FOR UPDATE (clause.Locking{Strength: "UPDATE"})
// holds the rows it read until COMMIT or ROLLBACK: another FOR UPDATE on
// them waits — or, with Options: "NOWAIT", fails at once (SQLSTATE 55P03,
// lock_not_available). A plain SELECT never waits for a lock: it reads the
// last committed version of the row (MVCC), so it cannot see what the lock
// holder has changed but not yet committed. Below, transactions on
// different connections of the koan's pool.
//
// Hint: the first transaction renamed book 3 and holds its lock until its
// COMMIT. Ask, for each read of the second and third transactions, which
// version of the row it may see, and whether it had to wait.
//
// Database: postgres
// Docs: https://gorm.io/docs/advanced_query.html#Locking
// SQL: after first try
func TestForUpdateHoldsTheRow(t *testing.T) {
	db, _ := fixtures.Library(t)
	forUpdate := clause.Locking{Strength: clause.LockingStrengthUpdate}
	noWait := clause.Locking{Strength: clause.LockingStrengthUpdate, Options: clause.LockingOptionsNoWait}

	first := db.Begin()
	defer first.Rollback() // a no-op once it has committed
	var locked fixtures.Book
	require.NoError(t, first.Clauses(forUpdate).First(&locked, 3).Error)
	require.NoError(t, first.Model(&locked).Update("title", "The Tombs of Atuan (revised)").Error)

	second := db.Begin()
	defer second.Rollback()
	var read, relocked fixtures.Book
	require.NoError(t, second.First(&read, 3).Error) // a plain SELECT, from another connection
	lockErr := second.Clauses(noWait).First(&relocked, 3).Error
	require.NoError(t, second.Rollback().Error)

	require.NoError(t, first.Commit().Error)
	third := db.Begin()
	defer third.Rollback()
	var after fixtures.Book
	require.NoError(t, third.Clauses(noWait).First(&after, 3).Error)
	require.NoError(t, third.Commit().Error)

	assert.Equal(t, ___, read.Title)    // the title the second transaction's plain SELECT read?
	assert.Equal(t, __, lockErr != nil) // did its FOR UPDATE NOWAIT fail?
	assert.Equal(t, ___, after.Title)   // the title the third transaction locked, after the COMMIT?
}

// TestSkipLockedHandsOutWork: two workers claim jobs from one table at once, each a different row, neither waiting.
//
// A table of pending work is a queue once workers can claim rows without
// taking the same one. FOR UPDATE alone makes the second worker wait for
// the first one's row; FOR UPDATE SKIP LOCKED makes it pass over rows
// another transaction holds and take the next free one. In GORM that is
// clause.Locking's Options (clause.LockingOptionsSkipLocked). SQLite has no
// row locks to skip: this is PostgreSQL's (and MySQL 8's) job queue.
//
// Hint: the lock's Strength stays UPDATE; what the second worker must do
// about a row someone else holds goes in Options.
//
// Database: postgres
// Docs: https://gorm.io/docs/advanced_query.html#Locking
func TestSkipLockedHandsOutWork(t *testing.T) {
	db, queries := fixtures.Library(t)
	claim := func(tx *gorm.DB) (fixtures.Book, error) {
		var next fixtures.Book // the oldest book still to be reshelved
		// ✎ lock the book you claim, and pass over books another worker holds
		err := tx.Clauses(clause.Locking{Strength: clause.LockingStrengthUpdate}).Where("year < ?", 1900).First(&next).Error
		// ✎ end
		return next, err
	}

	one := db.Begin()
	defer one.Rollback()
	two := db.Begin()
	defer two.Rollback()
	// A worker that waits for a lock gives up after half a second instead of hanging.
	require.NoError(t, two.Exec("SET LOCAL lock_timeout = '500ms'").Error)

	first, err := claim(one)
	require.NoError(t, err)
	second, err := claim(two)
	require.NoError(t, err, "the second worker must not wait for the first one's book")

	if lockedSkipping(t, queries, 2) {
		assert.Equal(t, "Sense and Sensibility", first.Title)
		assert.Equal(t, "Pride and Prejudice", second.Title, "the second worker takes the next free book")
	}
}

// TestSequenceIgnoresRollback: on PostgreSQL an id handed out in a rolled-back transaction is gone for good.
//
// A PostgreSQL serial column takes its ids from a sequence, and nextval()
// is never undone: rolling back would otherwise make every other
// transaction wait to see whether its id is still taken. So a rollback
// leaves a gap, and ids say nothing about how many rows there are. (On
// SQLite the id comes back: GORM declares its ids INTEGER PRIMARY KEY
// AUTOINCREMENT, whose counter is a row of the table sqlite_sequence, and
// the rollback undoes that row's update with the rest of the transaction.)
// The seed has 9 authors, and their sequence stands at 9.
//
// Hint: INSERT … RETURNING "id" filled the struct before the ROLLBACK, and
// nothing in GORM empties it again. Then ask the sequence what it hands out
// next.
//
// Database: postgres
// Docs: https://gorm.io/docs/transactions.html#Transaction
func TestSequenceIgnoresRollback(t *testing.T) {
	db, _ := fixtures.Library(t)

	rolledBack := fixtures.Author{Name: "N. K. Jemisin"}
	err := db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(&rolledBack).Error; err != nil {
			return err
		}
		return errors.New("changed my mind")
	})
	require.Error(t, err)

	kept := fixtures.Author{Name: "Ted Chiang"}
	require.NoError(t, db.Create(&kept).Error)
	var n int64
	require.NoError(t, db.Model(&fixtures.Author{}).Count(&n).Error)

	assert.Equal(t, __, int(rolledBack.ID)) // the ID left in the rolled-back struct?
	assert.Equal(t, __, int(kept.ID))       // the ID Ted Chiang was given?
	assert.Equal(t, __, int(n))             // how many authors are there now?
}

// TestAbortedTransactionRefusesMore: on PostgreSQL, after one failed statement, the transaction refuses everything until it ends.
//
// SQLite lets a transaction carry on after a failed INSERT; PostgreSQL
// marks it aborted ("current transaction is aborted, commands ignored until
// end of transaction block", SQLSTATE 25P02): every statement after the
// failure is refused, and the COMMIT at the end rolls back instead (pgx:
// "commit unexpectedly resulted in rollback"). Swallowing an error inside
// db.Transaction therefore does not save the rest of the work.
// A savepoint (a nested tx.Transaction) is how to survive one failure.
//
// Hint: Jane Austen is already in the library and authors.name is unique.
// The callback ignores that failure and returns nil: what may PostgreSQL
// still do with this transaction?
//
// Database: postgres
// Docs: https://gorm.io/docs/transactions.html#Transaction
func TestAbortedTransactionRefusesMore(t *testing.T) {
	db, _ := fixtures.Library(t)

	var duplicate, next error
	err := db.Transaction(func(tx *gorm.DB) error {
		duplicate = tx.Create(&fixtures.Author{Name: "Jane Austen"}).Error
		next = tx.Create(&fixtures.Author{Name: "N. K. Jemisin"}).Error
		return nil // the duplicate is ignored
	})
	require.Error(t, duplicate)

	var n int64
	require.NoError(t, db.Model(&fixtures.Author{}).Where("name = ?", "N. K. Jemisin").Count(&n).Error)

	assert.Equal(t, __, next != nil) // was the second INSERT refused?
	assert.Equal(t, __, err != nil)  // did Transaction report an error, though the callback returned nil?
	assert.Equal(t, __, int(n))      // how many N. K. Jemisins were stored?
}

package connecting

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
	"gorm.io/gorm/utils/tests"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestLockingIsForUpdate: clause.Locking asks the database to lock the rows a SELECT reads — where it can.
//
// Two requests that read a row, change it in Go and write it back can
// overwrite each other. Pessimistic locking stops that: inside a
// transaction, SELECT … FOR UPDATE locks the rows it returns until COMMIT,
// and a second FOR UPDATE on them waits. In GORM that is
// Clauses(clause.Locking{Strength: "UPDATE"}). It is the dialector that
// writes it, and SQLite has no row locks — a writer locks the whole
// database — so GORM's SQLite dialectors leave the clause out. DryRun with
// a dialector that does write it (GORM's own test dialector, which never
// connects, standing in for MySQL or PostgreSQL) shows what those would
// receive.
//
// Hint: the two statements differ only where a database with row locks
// needs something more.
//
// Docs: https://gorm.io/docs/advanced_query.html#Locking
// SQL: after first try
// Database: sqlite
func TestLockingIsForUpdate(t *testing.T) {
	db, _ := fixtures.Library(t)
	elsewhere, err := gorm.Open(tests.DummyDialector{}, &gorm.Config{DryRun: true})
	require.NoError(t, err)

	lockBook := func(tx *gorm.DB) *gorm.DB {
		var book fixtures.Book
		return tx.Clauses(clause.Locking{Strength: clause.LockingStrengthUpdate}).Where("id = ?", 3).Find(&book)
	}
	withRowLocks := lockBook(elsewhere).Statement.SQL.String()
	onSQLite := lockBook(db.Session(&gorm.Session{DryRun: true})).Statement.SQL.String()

	assert.Equal(t, ___, withRowLocks)                            // what would a database with row locks receive?
	assert.Equal(t, __, strings.Contains(onSQLite, "FOR UPDATE")) // does SQLite's statement ask for the lock?
}

// TestForUpdateLocksTheRow: on PostgreSQL, FOR UPDATE really locks the row, until COMMIT.
//
// PostgreSQL has row locks. Inside a transaction, a SELECT … FOR UPDATE
// (clause.Locking{Strength: "UPDATE"}) locks the rows it returns, and any
// other transaction that wants to lock them — a second request, on another
// connection of the pool — waits until COMMIT. Two options spare it the
// wait: NOWAIT fails at once (SQLSTATE 55P03), SKIP LOCKED leaves the locked
// rows out. SKIP LOCKED is how several workers take jobs from one table
// without ever taking the same one.
//
// Hint: inside the callback, tx holds the lock on book 3, The Tombs of
// Atuan, one of Ursula K. Le Guin's five books. db is not tx: it borrows
// another connection of the pool, as a second request would.
//
// Docs: https://gorm.io/docs/advanced_query.html#Locking
// SQL: after first try
// Database: postgres
func TestForUpdateLocksTheRow(t *testing.T) {
	db, _ := fixtures.Library(t)
	lock := func(options string) clause.Locking {
		return clause.Locking{Strength: clause.LockingStrengthUpdate, Options: options}
	}

	var noWaitErr error
	var unlocked []fixtures.Book
	require.NoError(t, db.Transaction(func(tx *gorm.DB) error {
		var book fixtures.Book
		if err := tx.Clauses(lock("")).First(&book, 3).Error; err != nil {
			return err
		}
		var same fixtures.Book
		noWaitErr = db.Clauses(lock(clause.LockingOptionsNoWait)).First(&same, 3).Error
		return db.Clauses(lock(clause.LockingOptionsSkipLocked)).Where("author_id = ?", book.AuthorID).Find(&unlocked).Error
	}))
	var afterCommit fixtures.Book
	afterErr := db.Clauses(lock(clause.LockingOptionsNoWait)).First(&afterCommit, 3).Error

	assert.Equal(t, __, noWaitErr != nil) // while tx held book 3, did NOWAIT fail to lock it?
	assert.Equal(t, __, len(unlocked))    // how many of Le Guin's books did SKIP LOCKED return?
	assert.Equal(t, __, afterErr == nil)  // after COMMIT, could NOWAIT lock book 3?
	assert.ErrorContains(t, noWaitErr, "55P03", "lock_not_available")
}

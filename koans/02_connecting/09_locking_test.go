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

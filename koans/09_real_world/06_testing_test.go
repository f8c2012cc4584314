package realworld

import (
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
}

// TestCodeUnderTestMayOpenTransactions: code that opens its own transaction still runs inside the test's.
//
// The code you test often calls db.Transaction itself. Handed the test's tx,
// that nested Transaction becomes a SAVEPOINT, and its success sends nothing
// at all: no COMMIT, not even a RELEASE. The test's final ROLLBACK still
// undoes everything.
//
// Hint: read the statements between BEGIN and ROLLBACK.
// Docs: https://gorm.io/docs/transactions.html#Nested-Transactions
// SQL: after first try
func TestCodeUnderTestMayOpenTransactions(t *testing.T) {
	db, queries := fixtures.Library(t)
	addAuthorWithBook := func(db *gorm.DB) error { // the code under test
		return db.Transaction(func(tx *gorm.DB) error {
			a := fixtures.Author{Name: "Ted Chiang"}
			if err := tx.Create(&a).Error; err != nil {
				return err
			}
			return tx.Create(&fixtures.Book{Title: "Exhalation", Year: 2019, AuthorID: a.ID}).Error
		})
	}

	tx := db.Begin()
	require.NoError(t, addAuthorWithBook(tx))
	require.NoError(t, tx.Rollback().Error)

	var n int64
	require.NoError(t, db.Model(&fixtures.Book{}).Count(&n).Error)
	assert.Equal(t, __, queries.Count("SAVEPOINT")) // how many savepoints did the code's Transaction open?
	assert.Equal(t, __, queries.Count("COMMIT"))    // how many COMMITs reached the database?
	assert.Equal(t, __, int(n))                     // how many books are there after the rollback?
}

package connecting

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// openPool opens the koan's private database with a pool that may hold two
// connections, and keeps both open, as an application's pool holds several.
func openPool(t *testing.T) *gorm.DB {
	t.Helper()
	db, _ := fixtures.Empty(t)
	sqlDB, err := db.DB()
	require.NoError(t, err)
	sqlDB.SetMaxOpenConns(2)
	sqlDB.SetMaxIdleConns(2)
	return db
}

// TestTempTableIsPerConnection: a pool is several connections, and a temporary table lives in only one of them.
//
// A *gorm.DB is a pool: each statement borrows whichever connection is free.
// Most of the time you cannot tell, but some things belong to one connection
// (one session): a TEMP table, a SET, an open transaction. A TEMP table made
// on one connection does not exist on the other — and on SQLite's ":memory:"
// the other connection is a whole other, empty database. db.Connection pins
// one connection for its callback; while it is busy, db has to open a
// second one.
//
// Hint: inside the callback, conn holds the first connection. Which connection
// can db's INSERT get, and what does that session see?
//
// Docs: https://gorm.io/docs/connecting_to_the_database.html#Connection-Pool
func TestTempTableIsPerConnection(t *testing.T) {
	db := openPool(t)
	sqlDB, err := db.DB()
	require.NoError(t, err)

	var insertErr error
	require.NoError(t, db.Connection(func(conn *gorm.DB) error {
		if err := conn.Exec("CREATE TEMPORARY TABLE notes (body text)").Error; err != nil {
			return err
		}
		insertErr = db.Exec("INSERT INTO notes (body) VALUES (?)", "hello").Error // not conn!
		return nil
	}))

	assert.Equal(t, __, insertErr != nil)              // did db's INSERT fail?
	assert.Equal(t, __, sqlDB.Stats().OpenConnections) // how many connections does the pool hold now?
	assert.ErrorContains(t, insertErr, "notes", "that connection knows no table notes")
}

// TestPinnedConnectionSeesItsTable: make the INSERT use the connection that created the table.
//
// Inside db.Connection (and db.Transaction) the callback's argument is the
// handle to use: it is bound to one connection. Reaching for the outer db
// inside the callback borrows another connection — one that never saw the
// TEMP table; with a one-connection pool it would wait forever.
//
// Hint: the callback already receives the pinned handle. Use it.
//
// Docs: https://gorm.io/docs/sql_builder.html#connection
func TestPinnedConnectionSeesItsTable(t *testing.T) {
	db := openPool(t)

	var insertErr error
	var n int
	require.NoError(t, db.Connection(func(conn *gorm.DB) error {
		if err := conn.Exec("CREATE TEMPORARY TABLE notes (body text)").Error; err != nil {
			return err
		}
		// ✎ insert the note on the pinned connection
		insertErr = db.Exec("INSERT INTO notes (body) VALUES (?)", "hello").Error
		// ✎ end
		return conn.Raw("SELECT count(*) FROM notes").Scan(&n).Error
	}))

	assert.NoError(t, insertErr)
	assert.Equal(t, 1, n)
}

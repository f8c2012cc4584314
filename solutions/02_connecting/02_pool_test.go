package connecting

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// openPool opens a private in-memory database whose pool may hold two
// connections, with GORM's logger silenced (the koans expect errors).
func openPool(t *testing.T) *gorm.DB {
	t.Helper()
	db, err := gorm.Open(fixtures.Dialector(fixtures.MemoryDSN()), &gorm.Config{Logger: logger.Discard})
	require.NoError(t, err)
	sqlDB, err := db.DB()
	require.NoError(t, err)
	t.Cleanup(func() { sqlDB.Close() })
	sqlDB.SetMaxOpenConns(2)
	return db
}

// TestMemoryIsPerConnection: two pooled connections to ":memory:" are two different databases.
//
// A *gorm.DB is a pool: each statement borrows whichever connection is free.
// With SQLite's ":memory:", every new connection opens a brand-new empty
// database, so a table made on one connection does not exist on the other.
// db.Connection pins one connection for its callback; while it is busy, db
// has to open a second one.
//
// Hint: inside the callback, conn holds the first connection. Which connection
// can db's INSERT get, and what does that database contain?
//
// Docs: https://gorm.io/docs/connecting_to_the_database.html#Connection-Pool
func TestMemoryIsPerConnection(t *testing.T) {
	db := openPool(t)
	sqlDB, err := db.DB()
	require.NoError(t, err)

	var insertErr error
	require.NoError(t, db.Connection(func(conn *gorm.DB) error {
		if err := conn.Exec("CREATE TABLE notes (body text)").Error; err != nil {
			return err
		}
		insertErr = db.Exec("INSERT INTO notes (body) VALUES (?)", "hello").Error // not conn!
		return nil
	}))

	assert.Equal(t /*__*/, true, insertErr != nil)           // did db's INSERT fail?
	assert.Equal(t /*__*/, 2, sqlDB.Stats().OpenConnections) // how many connections does the pool hold now?
	assert.ErrorContains(t, insertErr, "no such table")
}

// TestPinnedConnectionSeesItsTable: make the INSERT use the connection that created the table.
//
// Inside db.Connection (and db.Transaction) the callback's argument is the
// handle to use: it is bound to one connection. Reaching for the outer db
// inside the callback borrows another connection — on ":memory:" another
// database; with a one-connection pool it would wait forever.
//
// Hint: the callback already receives the pinned handle. Use it.
//
// Docs: https://gorm.io/docs/sql_builder.html#connection
func TestPinnedConnectionSeesItsTable(t *testing.T) {
	db := openPool(t)

	var insertErr error
	var n int
	require.NoError(t, db.Connection(func(conn *gorm.DB) error {
		if err := conn.Exec("CREATE TABLE notes (body text)").Error; err != nil {
			return err
		}
		// ✎ insert the note on the pinned connection
		//koan: insertErr = db.Exec("INSERT INTO notes (body) VALUES (?)", "hello").Error
		//dodge ignore-error: _ = db.Exec("INSERT INTO notes (body) VALUES (?)", "hello").Error
		//dodge create-again: _ = db.Exec("CREATE TABLE notes (body text)").Error
		//dodge create-again: insertErr = db.Exec("INSERT INTO notes (body) VALUES (?)", "hello").Error
		insertErr = conn.Exec("INSERT INTO notes (body) VALUES (?)", "hello").Error
		// ✎ end
		return conn.Raw("SELECT count(*) FROM notes").Scan(&n).Error
	}))

	assert.NoError(t, insertErr)
	assert.Equal(t, 1, n)
}

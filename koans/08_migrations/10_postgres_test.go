//go:build koans_postgres

package migrations

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// Reservation is a reader waiting for a book: a new table.
type Reservation struct {
	ID     uint
	BookID uint
	Reader string
}

// TestDDLRollsBackOnPostgres: on PostgreSQL a migration inside a transaction is all or nothing — CREATE and DROP TABLE included.
//
// A migration that fails halfway is the worst kind: the schema is neither
// the old one nor the new one, and running it again trips over what it did
// the first time. PostgreSQL's DDL is transactional: CREATE TABLE, ALTER
// TABLE and even DROP TABLE, sent inside BEGIN, are undone by ROLLBACK, rows
// and all. So run a migration in db.Transaction, with tx.Migrator(), and
// return the error. (MySQL commits each DDL statement on the spot: there a
// failed migration stays half done.)
//
// Hint: everything the migration sent lies between one BEGIN and one
// ROLLBACK. A uint ID is PostgreSQL's auto-numbered 64-bit integer type.
//
// Database: postgres
// Docs: https://gorm.io/docs/transactions.html#Transaction
// SQL: after first try
func TestDDLRollsBackOnPostgres(t *testing.T) {
	db, queries := fixtures.Library(t)

	err := db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Migrator().CreateTable(&Reservation{}); err != nil {
			return err
		}
		if err := tx.Migrator().DropTable("book_tags"); err != nil {
			return err
		}
		return errors.New("the data step failed")
	})
	require.Error(t, err)
	createTable := queries.Statements()[1].SQL
	idType, _, _ := strings.Cut(sqlAfter(createTable, `("id" `), ",")

	assert.Equal(t, ___, idType)                                // the type of reservations.id, as the CREATE TABLE wrote it?
	assert.Equal(t, __, db.Migrator().HasTable(&Reservation{})) // is there a reservations table now?
	assert.Equal(t, __, db.Migrator().HasTable("book_tags"))    // and a book_tags table?
}

// TestConcurrentIndexOutsideATransaction: build a PostgreSQL index with CONCURRENTLY, which no transaction may hold.
//
// CREATE INDEX locks its table against writes until the index is built:
// minutes, on a big table in production. CREATE INDEX CONCURRENTLY builds
// it while writes go on, and GORM's postgres migrator writes it for an
// index tagged option:CONCURRENTLY. The price: PostgreSQL refuses it inside
// a transaction block (SQLSTATE 25001), and a migration tool that wraps
// every migration in one (as below, or gormigrate's UseTransaction) fails
// on it — and, DDL being transactional, takes the CREATE TABLE with it.
//
// Hint: keep the index as it is tagged; change where the migration runs.
//
// Database: postgres
// Docs: https://gorm.io/docs/indexes.html#Index-Tag
func TestConcurrentIndexOutsideATransaction(t *testing.T) {
	db, queries := fixtures.Library(t)
	type Copy struct {
		ID      uint
		Barcode string `gorm:"index:,option:CONCURRENTLY"`
	}

	// ✎ migrate Copy so that its index can be built CONCURRENTLY
	require.NoError(t, db.Transaction(func(tx *gorm.DB) error { return tx.AutoMigrate(&Copy{}) }))
	// ✎ end

	ddlByMigrator(t, queries)
	assert.True(t, db.Migrator().HasIndex(&Copy{}, "idx_copies_barcode"))
	var built []string
	for _, s := range queries.SQL() {
		if strings.HasPrefix(s, "CREATE INDEX") {
			built = append(built, s)
		}
	}
	require.Len(t, built, 1, "one CREATE INDEX")
	assert.Contains(t, built[0], "CREATE INDEX CONCURRENTLY", "built without locking out writes")
}

// sqlAfter is what follows the first sep in s ("" when there is none).
func sqlAfter(s, sep string) string {
	_, rest, _ := strings.Cut(s, sep)
	return rest
}

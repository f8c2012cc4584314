package migrations

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// Shelf is a new table created inside a transaction.
type Shelf struct {
	ID    uint
	Label string
}

// TestDDLCommitsTheTransaction: on MySQL, CREATE TABLE inside a transaction commits it, and ROLLBACK undoes nothing.
//
// PostgreSQL (and SQLite) run DDL inside a transaction like any other
// statement: a migration that fails halfway rolls back whole. MySQL does
// not: CREATE, ALTER and DROP TABLE first COMMIT the open transaction
// (an "implicit commit"), then run on their own. What the transaction wrote
// before is committed; what it writes after runs with autocommit, each
// statement committed at once; the ROLLBACK at the end finds nothing to
// undo, and neither GORM nor database/sql notices. Keep MySQL migrations
// small and idempotent, one change each, since a failure leaves the
// earlier ones in place.
//
// Hint: count the COMMITs MySQL did that nobody sent.
//
// Database: mysql
// Docs: https://gorm.io/docs/transactions.html
func TestDDLCommitsTheTransaction(t *testing.T) {
	db, _ := fixtures.Library(t)

	tx := db.Begin()
	require.NoError(t, tx.Create(&fixtures.Author{Name: "Before the DDL"}).Error)
	require.NoError(t, tx.Migrator().CreateTable(&Shelf{}))
	require.NoError(t, tx.Create(&fixtures.Author{Name: "After the DDL"}).Error)
	require.NoError(t, tx.Rollback().Error)

	var kept int64
	require.NoError(t, db.Model(&fixtures.Author{}).Where("name LIKE ?", "% the DDL").Count(&kept).Error)

	assert.Equal(t, __, db.Migrator().HasTable(&Shelf{})) // is the table there after the ROLLBACK?
	assert.Equal(t, __, int(kept))                        // how many of the two authors are still there?
}

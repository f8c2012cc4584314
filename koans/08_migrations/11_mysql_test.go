//go:build koans_mysql

package migrations

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

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

// TestSchemaFirstThenTheData: on MySQL, change the schema before the transaction, so that the data step stays all or nothing.
//
// A migration that adds a table and fills it reads as one transaction,
// and on PostgreSQL it is one. On MySQL the CREATE TABLE commits the
// transaction it is sent in and ends it: every INSERT after it runs on
// its own and stays, whatever the ROLLBACK at the end says. Split it: the
// DDL first, outside any transaction (it cannot be undone anyway, so make
// it safe to run twice), then the data in a transaction of its own, which
// a failure rolls back whole.
//
// Hint: the shelf labels are unique, and the data step fails on its
// second "A". What should the table hold after that failure?
//
// Database: mysql
// Docs: https://gorm.io/docs/transactions.html#Transaction
func TestSchemaFirstThenTheData(t *testing.T) {
	// No default transaction around each Create: only the transaction you open counts.
	db, queries := fixtures.Library(t, fixtures.WithConfig(func(c *gorm.Config) { c.SkipDefaultTransaction = true }))
	type Bay struct {
		ID    uint
		Label string `gorm:"size:16;uniqueIndex"`
	}
	fill := func(tx *gorm.DB) error {
		for _, label := range []string{"A", "B", "A"} {
			if err := tx.Create(&Bay{Label: label}).Error; err != nil {
				return err
			}
		}
		return nil
	}

	// ✎ create the bays table, then fill it all or nothing
	err := db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Migrator().CreateTable(&Bay{}); err != nil {
			return err
		}
		return fill(tx)
	})
	// ✎ end

	require.Error(t, err, "the second A is refused")
	ddlByMigrator(t, queries)
	queries.InTransaction(t, "INSERT")
	assert.True(t, db.Migrator().HasTable(&Bay{}), "the schema step is done")
	var bays int64
	require.NoError(t, db.Model(&Bay{}).Count(&bays).Error)
	assert.Zero(t, bays, "the data step failed: none of its rows stay")
}

package indexes

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestAutoMigrateAddsMissingIndexes: AutoMigrate creates a tagged index that is missing, and knows it only by its name.
//
// AutoMigrate compares the model with the database: a table that exists
// still gets the indexes its tags declare and the database lacks. It
// looks for them by name. The Migrator drops, creates and renames them
// one by one — and an index renamed behind the tag's back is, to
// AutoMigrate, an index that is missing.
//
// Hint: HasIndex takes a field's name or an index's, and asks for the
// name the tag gives (idx_reviews_book_id). Count the CREATE statements.
// Docs: https://gorm.io/docs/migration.html#Indexes
// SQL: after first try
func TestAutoMigrateAddsMissingIndexes(t *testing.T) {
	type Review struct {
		ID     uint
		BookID uint `gorm:"index"`
		Stars  int
	}
	db, queries := fixtures.Empty(t)
	m := db.Migrator()
	require.NoError(t, db.AutoMigrate(&Review{}))

	require.NoError(t, m.DropIndex(&Review{}, "BookID"))
	dropped := !m.HasIndex(&Review{}, "BookID")
	queries.Reset()
	require.NoError(t, db.AutoMigrate(&Review{}))
	createdAgain := queries.Count("CREATE")

	require.NoError(t, m.RenameIndex(&Review{}, "idx_reviews_book_id", "idx_reviews_by_book"))
	foundRenamed := m.HasIndex(&Review{}, "BookID")
	queries.Reset()
	require.NoError(t, db.AutoMigrate(&Review{}))

	assert.Equal(t, __, dropped)                                      // did DropIndex drop it?
	assert.Equal(t, __, createdAgain)                                 // how many CREATE statements did the next AutoMigrate send?
	assert.Equal(t, __, foundRenamed)                                 // after the rename, does HasIndex("BookID") find it?
	assert.Equal(t, __, queries.Count("CREATE"))                      // so how many CREATEs did the last AutoMigrate send?
	assert.Equal(t, __, m.HasIndex(&Review{}, "idx_reviews_by_book")) // is the renamed one still there too?
}

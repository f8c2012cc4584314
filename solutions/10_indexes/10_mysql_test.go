//go:build koans_mysql

package indexes

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestInnoDBIndexesForeignKeys: on MySQL a foreign key brings its own index: InnoDB makes one when none is there.
//
// SQLite and PostgreSQL check a foreign key with whatever indexes exist,
// and GORM adds none, so "this author's books" reads every book there
// (TestGORMGivesForeignKeysNoIndex). InnoDB will not keep a foreign key
// without an index that starts with its column: when CREATE TABLE (or
// ALTER TABLE … ADD CONSTRAINT) finds none, it makes one, named after the
// constraint. So on MySQL the has-many query searches from the start — and
// an index tag of your own on author_id takes that index's place (InnoDB
// drops its own once another can serve).
//
// Hint: GORM named the constraint fk_authors_books. Ask the Migrator, then
// read the plan of the SELECT in the SQL panel.
//
// Database: mysql
// Docs: https://gorm.io/docs/constraints.html#Foreign-Key-Constraint
// SQL: after first try
func TestInnoDBIndexesForeignKeys(t *testing.T) {
	db, queries := fixtures.LargeLibrary(t)

	var books []fixtures.Book
	require.NoError(t, db.Where("author_id = ?", 300).Find(&books).Error)
	read, _ := queries.PlanOfLast(t, db).Of("books")

	assert.Equal(t /*__*/, false, db.Migrator().HasIndex(&fixtures.Book{}, "idx_books_author_id")) // did GORM make an index on author_id?
	assert.Equal(t /*__*/, true, db.Migrator().HasIndex(&fixtures.Book{}, "fk_authors_books"))     // is there an index named after the constraint?
	assert.Equal(t /*__*/, true, read.Search())                                                    // did finding one author's books search an index?
	assert.Equal(t /*___*/, "fk_authors_books", read.Index)                                        // which one?
}

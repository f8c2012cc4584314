package indexes

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// deletedLong is when the soft-deleted books of these koans were deleted.
var deletedLong = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

// TestSoftDeleteFiltersEveryQuery: soft delete adds deleted_at IS NULL to every query — and its index does not find an author's books.
//
// A model with a gorm.DeletedAt field (gorm.Model has one, with an index)
// is never deleted, only stamped; every query then says `AND deleted_at
// IS NULL`. The index GORM puts on deleted_at finds the deleted rows, not
// an author's: the query still has no index to search by author_id.
// (On MySQL it has: InnoDB indexes the foreign key on author_id.)
//
// Hint: read the SELECT in the SQL panel, then its plan under it.
//
// Database: sqlite, postgres
// Docs: https://gorm.io/docs/delete.html#Soft-Delete
// SQL: after first try
func TestSoftDeleteFiltersEveryQuery(t *testing.T) {
	db, queries := fixtures.LargeLibrary(t)
	type Book struct {
		ID        uint   `gorm:"primaryKey"`
		Title     string `gorm:"not null"`
		Year      int
		AuthorID  uint
		DeletedAt gorm.DeletedAt `gorm:"index"`
	}
	require.NoError(t, db.AutoMigrate(&Book{}))
	require.NoError(t, db.Exec("UPDATE books SET deleted_at = ? WHERE id % 3 = 0", deletedLong).Error)
	require.NoError(t, fixtures.Analyze(db))
	queries.Reset()

	var live, all []Book
	require.NoError(t, db.Where("author_id = ?", 300).Find(&live).Error)
	read, _ := queries.PlanOfLast(t, db).Of("books")
	require.NoError(t, db.Unscoped().Where("author_id = ?", 300).Find(&all).Error)

	assert.Equal(t, __, strings.Contains(queries.Statements()[0].SQL, "deleted_at")) // did the first SELECT test deleted_at?
	assert.Equal(t, __, read.Search() && read.Columns[0] == "author_id")             // did it search an index by author_id?
	assert.Equal(t, __, len(all) > len(live))                                        // did Unscoped find more books?
}

// TestPartialIndexForLiveRows: a partial index holds only the rows every soft-deleting query asks for.
//
// Every query of a soft-deleting model says `deleted_at IS NULL`. An index
// with the same WHERE holds only the live rows: smaller, and a search of
// it finds an author's live books without looking at the deleted ones.
// GORM's index tag takes the condition: `where:…`.
//
// Hint: index author_id, with the condition every query of this model
// carries. PostgreSQL and SQLite both make partial indexes (MySQL makes
// none: GORM leaves the where: out there, and the index holds every row).
//
// Database: sqlite, postgres
// Docs: https://gorm.io/docs/indexes.html#Index-Tag
func TestPartialIndexForLiveRows(t *testing.T) {
	db, queries := fixtures.LargeLibrary(t)

	// ✎ index author_id for the live rows only (AutoMigrate runs after this block)
	type Book struct {
		ID        uint   `gorm:"primaryKey"`
		Title     string `gorm:"not null"`
		Year      int
		AuthorID  uint
		DeletedAt gorm.DeletedAt
	}
	// ✎ end
	require.NoError(t, db.AutoMigrate(&Book{}))
	require.NoError(t, db.Exec("UPDATE books SET deleted_at = ? WHERE id % 3 = 0", deletedLong).Error)
	require.NoError(t, fixtures.Analyze(db))
	queries.Reset()

	var books []Book
	require.NoError(t, db.Where("author_id = ?", 300).Find(&books).Error)

	queries.Searched(t, db, "books", "author_id")
	if idx := declares(t, db, &Book{}, "author_id"); idx != nil && !strings.EqualFold(strings.Join(strings.Fields(idx.Where), " "), "deleted_at IS NULL") {
		t.Errorf("the index on author_id holds every row (where: %q): give it the condition every query of this model carries", idx.Where)
	}
}

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

	assert.Equal(t /*__*/, true, strings.Contains(queries.Statements()[0].SQL, "deleted_at")) // did the first SELECT test deleted_at?
	assert.Equal(t /*__*/, false, read.Search() && read.Columns[0] == "author_id")            // did it search an index by author_id?
	assert.Equal(t /*__*/, true, len(all) > len(live))                                        // did Unscoped find more books?
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
	//koan: type Book struct {
	//koan: 	ID        uint   `gorm:"primaryKey"`
	//koan: 	Title     string `gorm:"not null"`
	//koan: 	Year      int
	//koan: 	AuthorID  uint
	//koan: 	DeletedAt gorm.DeletedAt
	//koan: }
	type Book struct {
		ID        uint   `gorm:"primaryKey"`
		Title     string `gorm:"not null"`
		Year      int
		AuthorID  uint `gorm:"index:idx_books_live_author,where:deleted_at IS NULL"`
		DeletedAt gorm.DeletedAt
	}
	//dodge whole-table: type Book struct {
	//dodge whole-table: 	ID        uint   `gorm:"primaryKey"`
	//dodge whole-table: 	Title     string `gorm:"not null"`
	//dodge whole-table: 	Year      int
	//dodge whole-table: 	AuthorID  uint   `gorm:"index"`
	//dodge whole-table: 	DeletedAt gorm.DeletedAt
	//dodge whole-table: }
	//dodge deleted-at-only: type Book struct {
	//dodge deleted-at-only: 	ID        uint   `gorm:"primaryKey"`
	//dodge deleted-at-only: 	Title     string `gorm:"not null"`
	//dodge deleted-at-only: 	Year      int
	//dodge deleted-at-only: 	AuthorID  uint
	//dodge deleted-at-only: 	DeletedAt gorm.DeletedAt `gorm:"index"`
	//dodge deleted-at-only: }
	//dodge the-dead: type Book struct {
	//dodge the-dead: 	ID        uint   `gorm:"primaryKey"`
	//dodge the-dead: 	Title     string `gorm:"not null"`
	//dodge the-dead: 	Year      int
	//dodge the-dead: 	AuthorID  uint   `gorm:"index:idx_books_dead_author,where:deleted_at IS NOT NULL"`
	//dodge the-dead: 	DeletedAt gorm.DeletedAt
	//dodge the-dead: }
	//dodge by-hand: type Book struct {
	//dodge by-hand: 	ID        uint   `gorm:"primaryKey"`
	//dodge by-hand: 	Title     string `gorm:"not null"`
	//dodge by-hand: 	Year      int
	//dodge by-hand: 	AuthorID  uint
	//dodge by-hand: 	DeletedAt gorm.DeletedAt
	//dodge by-hand: }
	//dodge by-hand: require.NoError(t, db.Exec("ALTER TABLE books ADD COLUMN deleted_at TIMESTAMP").Error)
	//dodge by-hand: require.NoError(t, db.Exec("CREATE INDEX idx_books_live_author ON books (author_id) WHERE deleted_at IS NULL").Error)
	//honest with-year: type Book struct {
	//honest with-year: 	ID        uint   `gorm:"primaryKey"`
	//honest with-year: 	Title     string `gorm:"not null"`
	//honest with-year: 	Year      int    `gorm:"index:idx_books_live_author_year,priority:2"`
	//honest with-year: 	AuthorID  uint   `gorm:"index:idx_books_live_author_year,priority:1,where:deleted_at is null"`
	//honest with-year: 	DeletedAt gorm.DeletedAt
	//honest with-year: }
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

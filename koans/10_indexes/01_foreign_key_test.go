package indexes

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestGORMGivesForeignKeysNoIndex: GORM makes a foreign key's constraint, not an index behind it.
//
// AutoMigrate gave books.author_id a FOREIGN KEY constraint: the database
// refuses a book whose author does not exist. It gave it no index. So
// "this author's books" — the query every has-many page and every Preload
// sends — reads every book to find ten. On 50,000 books it is slow; on
// fifty million, an outage.
// (Not on MySQL: InnoDB gives every foreign key an index of its own,
// named after the constraint, TestInnoDBIndexesForeignKeys.)
//
// Hint: ask the Migrator about the constraint and about the index GORM's
// `index` tag would have named idx_books_author_id; then read the plan of
// the SELECT below, in the SQL panel.
//
// Database: sqlite, postgres
// Docs: https://gorm.io/docs/constraints.html#Foreign-Key-Constraint
// SQL: after first try
func TestGORMGivesForeignKeysNoIndex(t *testing.T) {
	db, queries := fixtures.LargeLibrary(t)

	var books []fixtures.Book
	require.NoError(t, db.Where("author_id = ?", 300).Find(&books).Error)
	read, _ := queries.PlanOfLast(t, db).Of("books")

	assert.Equal(t, __, db.Migrator().HasConstraint(&fixtures.Author{}, "Books"))        // does the database know author_id points at authors?
	assert.Equal(t, __, db.Migrator().HasIndex(&fixtures.Book{}, "idx_books_author_id")) // is there an index on author_id?
	assert.Equal(t, __, read.FullScan())                                                 // so: did finding one author's books read every book?
}

// TestIndexTheForeignKey: an index on author_id turns Preload's IN (…) from a scan into a search.
//
// Preload("Books") sends one SELECT … WHERE author_id IN (…) for all the
// authors at once: one query, but without an index it still reads all
// 50,000 books to find the hundred it wants. Declare the index on the
// model, where AutoMigrate makes it on every database the model reaches —
// not by hand on this one.
//
// Hint: a field's gorm tag can ask for an index by itself; the struct is
// migrated right after the block.
// Docs: https://gorm.io/docs/indexes.html
func TestIndexTheForeignKey(t *testing.T) {
	db, queries := fixtures.LargeLibrary(t)

	// ✎ declare an index on author_id (AutoMigrate runs after this block)
	type Book struct {
		ID       uint   `gorm:"primaryKey"`
		Title    string `gorm:"not null"`
		Year     int
		AuthorID uint
	}
	// ✎ end
	require.NoError(t, db.AutoMigrate(&Book{}))
	queries.Reset()

	var authors []fixtures.Author
	require.NoError(t, db.Where("country = ?", "Chile").Order("id").Limit(10).Preload("Books").Find(&authors).Error)

	queries.Preloaded(t, "books")
	queries.Searched(t, db, "books", "author_id")
	declares(t, db, &Book{}, "author_id")
}

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

	assert.Equal(t /*__*/, true, db.Migrator().HasConstraint(&fixtures.Author{}, "Books"))         // does the database know author_id points at authors?
	assert.Equal(t /*__*/, false, db.Migrator().HasIndex(&fixtures.Book{}, "idx_books_author_id")) // is there an index on author_id?
	assert.Equal(t /*__*/, true, read.FullScan())                                                  // so: did finding one author's books read every book?
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
	//koan: type Book struct {
	//koan: 	ID       uint   `gorm:"primaryKey"`
	//koan: 	Title    string `gorm:"not null"`
	//koan: 	Year     int
	//koan: 	AuthorID uint
	//koan: }
	type Book struct {
		ID       uint   `gorm:"primaryKey"`
		Title    string `gorm:"not null"`
		Year     int
		AuthorID uint `gorm:"index"`
	}
	//dodge by-hand: type Book struct {
	//dodge by-hand: 	ID       uint   `gorm:"primaryKey"`
	//dodge by-hand: 	Title    string `gorm:"not null"`
	//dodge by-hand: 	Year     int
	//dodge by-hand: 	AuthorID uint
	//dodge by-hand: }
	//dodge by-hand: require.NoError(t, db.Exec("CREATE INDEX idx_books_author_id ON books (author_id)").Error)
	//dodge wrong-column: type Book struct {
	//dodge wrong-column: 	ID       uint   `gorm:"primaryKey"`
	//dodge wrong-column: 	Title    string `gorm:"not null"`
	//dodge wrong-column: 	Year     int    `gorm:"index"`
	//dodge wrong-column: 	AuthorID uint
	//dodge wrong-column: }
	//dodge author-second: type Book struct {
	//dodge author-second: 	ID       uint   `gorm:"primaryKey"`
	//dodge author-second: 	Title    string `gorm:"not null"`
	//dodge author-second: 	Year     int    `gorm:"index:idx_books_year_author"`
	//dodge author-second: 	AuthorID uint   `gorm:"index:idx_books_year_author"`
	//dodge author-second: }
	//dodge type-tag-ddl: type Book struct {
	//dodge type-tag-ddl: 	ID       uint   `gorm:"primaryKey"`
	//dodge type-tag-ddl: 	Title    string `gorm:"not null"`
	//dodge type-tag-ddl: 	Year     int
	//dodge type-tag-ddl: 	AuthorID uint   `gorm:"type:bigint"`
	//dodge type-tag-ddl: }
	//dodge type-tag-ddl: require.NoError(t, db.Exec("CREATE INDEX idx_books_author_id ON books (author_id)").Error)
	//honest named: type Book struct {
	//honest named: 	ID       uint   `gorm:"primaryKey"`
	//honest named: 	Title    string `gorm:"not null"`
	//honest named: 	Year     int
	//honest named: 	AuthorID uint   `gorm:"index:idx_books_by_author"`
	//honest named: }
	//honest author-first: type Book struct {
	//honest author-first: 	ID       uint   `gorm:"primaryKey"`
	//honest author-first: 	Title    string `gorm:"not null"`
	//honest author-first: 	Year     int    `gorm:"index:idx_books_author_year,priority:2"`
	//honest author-first: 	AuthorID uint   `gorm:"index:idx_books_author_year,priority:1"`
	//honest author-first: }
	// ✎ end
	require.NoError(t, db.AutoMigrate(&Book{}))
	queries.Reset()

	var authors []fixtures.Author
	require.NoError(t, db.Where("country = ?", "Chile").Order("id").Limit(10).Preload("Books").Find(&authors).Error)

	queries.Preloaded(t, "books")
	queries.Searched(t, db, "books", "author_id")
	declares(t, db, &Book{}, "author_id")
}

package migrations

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestRenameColumnKeepsTheData: rename the column yourself, and the titles come along.
//
// A rename is a decision only you can make, so you say it: the Migrator has
// RenameColumn, which sends ALTER TABLE … RENAME COLUMN. The data stays in
// place under its new name, and BookV2 finds it. AutoMigrate would have added
// an empty column instead (the koan before this one).
//
// Hint: db.Migrator() has a method for exactly this; it takes a model and the
// old and new names.
// Docs: https://gorm.io/docs/migration.html#Columns
func TestRenameColumnKeepsTheData(t *testing.T) {
	db, queries := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&BookV1{}))
	require.NoError(t, db.Create([]BookV1{{Title: "Dune"}, {Title: "Emma"}, {Title: "Beloved"}}).Error)
	queries.Reset()

	// ✎ move the title column to name, data included
	//koan: require.NoError(t, db.AutoMigrate(&BookV2{}))
	require.NoError(t, db.Migrator().RenameColumn(&BookV1{}, "title", "name"))
	//dodge add-and-copy: require.NoError(t, db.Exec("ALTER TABLE books ADD name text").Error)
	//dodge add-and-copy: require.NoError(t, db.Exec("UPDATE books SET name = title").Error)
	//dodge raw-rename: require.NoError(t, db.Exec("ALTER TABLE books RENAME COLUMN title TO name").Error)
	//dodge copy-then-drop: require.NoError(t, db.Migrator().AddColumn(&BookV2{}, "Name"))
	//dodge copy-then-drop: require.NoError(t, db.Exec("UPDATE books SET name = title").Error)
	//dodge copy-then-drop: require.NoError(t, db.Migrator().DropColumn(&BookV1{}, "Title"))
	//honest new-model: require.NoError(t, db.Migrator().RenameColumn(&BookV2{}, "title", "Name"))
	// ✎ end

	ddlByMigrator(t, queries)
	assert.Zero(t, queries.Count("UPDATE"), "a rename moves no data: the values stay where they are, under a new name")
	var books []BookV2
	require.NoError(t, db.Order("id").Find(&books).Error)
	require.Len(t, books, 3)
	assert.Equal(t, "Dune", books[0].Name)
	assert.False(t, db.Migrator().HasColumn(&BookV2{}, "title"), "the old column should be gone")
}

// TestDropColumnRemovesTheLeftover: DropColumn removes what AutoMigrate leaves behind, rows kept.
//
// Dropping a column is the other thing AutoMigrate never does. The Migrator
// does it on request: on PostgreSQL with ALTER TABLE … DROP COLUMN; on
// SQLite, GORM's driver rebuilds the table without the column, the way
// AutoMigrate alters one. Either way the rows survive, and the column and
// its NOT NULL constraint do not. (Pass a model, not a table name: with a
// string both SQLite drivers panic.)
//
// Hint: a dropped column takes its constraints with it; what stopped
// version 2 from inserting before?
// Docs: https://gorm.io/docs/migration.html#Columns
func TestDropColumnRemovesTheLeftover(t *testing.T) {
	db, queries := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&PosterV1{}))
	require.NoError(t, db.Create(&PosterV1{Title: "Metropolis", Artist: "Bilinski"}).Error)
	require.NoError(t, db.AutoMigrate(&PosterV2{}))
	queries.Reset()

	require.NoError(t, db.Migrator().DropColumn(&PosterV1{}, "Artist"))

	var n int64
	require.NoError(t, db.Model(&PosterV2{}).Count(&n).Error)
	assert.Equal(t /*__*/, false, db.Migrator().HasColumn(&PosterV2{}, "artist"))     // is the column gone?
	assert.Equal(t /*__*/, 1, int(n))                                                 // how many posters survived?
	assert.Equal(t /*__*/, true, db.Create(&PosterV2{Title: "Vertigo"}).Error == nil) // can version 2 insert now?
}

// TestRenameTableAndOldCode: RenameTable moves the rows; an old AutoMigrate brings the old table back, empty.
//
// RenameTable sends ALTER TABLE … RENAME TO: the rows move with the table.
// But any code still running with the old model will call AutoMigrate, find
// its table missing and create it again — empty — and start writing there.
// Schema changes and deployments have to be ordered.
//
// Hint: HasTable asks the database's catalogue (sqlite_master on SQLite,
// information_schema on PostgreSQL). After the rename, which names does it
// know, and what did the second AutoMigrate do about the one that was missing?
// Docs: https://gorm.io/docs/migration.html#Tables
func TestRenameTableAndOldCode(t *testing.T) {
	db, _ := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&BookV1{}))
	require.NoError(t, db.Create([]BookV1{{Title: "Dune"}, {Title: "Emma"}, {Title: "Beloved"}}).Error)

	require.NoError(t, db.Migrator().RenameTable("books", "library_books"))
	renamed := db.Migrator().HasTable("books")
	require.NoError(t, db.AutoMigrate(&BookV1{})) // an old instance restarts

	var moved, left int64
	require.NoError(t, db.Table("library_books").Count(&moved).Error)
	require.NoError(t, db.Table("books").Count(&left).Error)
	assert.Equal(t /*__*/, false, renamed)                        // right after the rename, was there a books table?
	assert.Equal(t /*__*/, 3, int(moved))                         // how many rows are in library_books?
	assert.Equal(t /*__*/, true, db.Migrator().HasTable("books")) // is there a books table now?
	assert.Equal(t /*__*/, 0, int(left))                          // how many rows are in it?
}

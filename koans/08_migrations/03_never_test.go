package migrations

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// BookV1 and BookV2 are two versions of one model, both stored in "books":
// version 2 renames Title to Name.
type BookV1 struct {
	ID    uint
	Title string
}

func (BookV1) TableName() string { return "books" }

type BookV2 struct {
	ID   uint
	Name string
}

func (BookV2) TableName() string { return "books" }

// TestRenamedFieldLeavesDataBehind: AutoMigrate never renames: a renamed field becomes an empty new column.
//
// AutoMigrate matches fields to columns by name. It cannot know that Name is
// the old Title: it sees a column "name" that is missing and adds it, and a
// column "title" that no field wants and leaves it alone. Your data stays in
// the old column, and the application now reads the new, empty one.
//
// Hint: count the ALTER statements and read them; then ask which column holds
// the titles now.
// Docs: https://gorm.io/docs/migration.html#Auto-Migration
func TestRenamedFieldLeavesDataBehind(t *testing.T) {
	db, queries := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&BookV1{}))
	require.NoError(t, db.Create([]BookV1{{Title: "Dune"}, {Title: "Emma"}, {Title: "Beloved"}}).Error)
	queries.Reset()

	require.NoError(t, db.AutoMigrate(&BookV2{}))

	var books []BookV2
	require.NoError(t, db.Order("id").Find(&books).Error)
	require.Len(t, books, 3)
	var titles []string
	require.NoError(t, db.Table("books").Order("id").Pluck("title", &titles).Error)

	assert.Equal(t, __, books[0].Name)                               // what does the app read as the first book's name?
	assert.Equal(t, __, db.Migrator().HasColumn(&BookV2{}, "title")) // is the old column still there?
	assert.Equal(t, __, titles)                                      // what is in it?
}

// PosterV1 has a NOT NULL column that PosterV2 no longer has a field for.
type PosterV1 struct {
	ID     uint
	Title  string
	Artist string `gorm:"not null"`
}

func (PosterV1) TableName() string { return "posters" }

type PosterV2 struct {
	ID    uint
	Title string
}

func (PosterV2) TableName() string { return "posters" }

// TestRemovedFieldKeepsItsColumn: AutoMigrate never drops a column: a removed field's column stays, NOT NULL and all.
//
// Dropping a column destroys data, so AutoMigrate never does it. The column
// lives on, and so does its NOT NULL: a NOT NULL column the struct no longer
// writes makes every INSERT fail. The schema and the code have drifted apart.
//
// Hint: GORM only writes the columns the struct has fields for. What does
// the database put in the others, and does the old column accept it?
// Docs: https://gorm.io/docs/migration.html#Auto-Migration
func TestRemovedFieldKeepsItsColumn(t *testing.T) {
	db, _ := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&PosterV1{}))

	require.NoError(t, db.AutoMigrate(&PosterV2{}))
	err := db.Create(&PosterV2{Title: "Metropolis"}).Error

	assert.Equal(t, __, db.Migrator().HasColumn(&PosterV2{}, "artist")) // is the artist column still there?
	assert.Equal(t, __, err == nil)                                     // can version 2 insert a poster?
}

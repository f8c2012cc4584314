package models

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"
	"gorm.io/gorm/schema"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// Shelf lives in a table whose name no convention would guess.
type Shelf struct {
	ID    uint
	Label string
}

// TableName overrides every naming rule for Shelf.
func (Shelf) TableName() string { return "bookcases" }

// Writer, Novel and Genre are a small schema with a many-to-many join table.
type Writer struct {
	ID     uint
	Name   string
	Novels []Novel
}

type Novel struct {
	ID       uint
	WriterID uint
	Title    string
	Genres   []Genre `gorm:"many2many:novel_genres"`
}

type Genre struct {
	ID   uint
	Name string
}

// TestTableNameMethodWins: a TableName method beats the naming strategy, prefix and all.
//
// The naming strategy is the rule for every model; TableName() is the
// exception for one. When a model has the method, GORM uses its result as is
// — the strategy's TablePrefix is not added. GORM calls it once per type and
// caches the answer, so it can't depend on the struct's values.
//
// Hint: one model has a TableName method, the other follows the strategy.
//
// Docs: https://gorm.io/docs/conventions.html#TableName
// SQL: after first try
func TestTableNameMethodWins(t *testing.T) {
	db, _ := fixtures.Empty(t, fixtures.WithConfig(func(c *gorm.Config) {
		c.NamingStrategy = schema.NamingStrategy{TablePrefix: "lib_"}
	}))

	require.NoError(t, db.AutoMigrate(&Shelf{}, &Genre{}))
	shelves, genres := schemaOf(t, db, &Shelf{}).Table, schemaOf(t, db, &Genre{}).Table

	assert.True(t, db.Migrator().HasTable(shelves) && db.Migrator().HasTable(genres), "the database has the tables GORM named")
	assert.Equal(t /*___*/, "bookcases", shelves) // the table of Shelf?
	assert.Equal(t /*___*/, "lib_genres", genres) // the table of Genre?
}

// TestNamingStrategyRenamesEveryTable: make GORM create lib_writer, lib_novel and lib_novel_genres.
//
// A legacy database rarely follows GORM's plural snake_case. Instead of a
// TableName method on every model, set one rule for all of them in
// gorm.Config: schema.NamingStrategy can add a prefix to every table — join
// tables included — and stop making names plural.
//
// Hint: schema.NamingStrategy has a field for a prefix and a field that turns
// plurals off.
//
// Docs: https://gorm.io/docs/gorm_config.html#naming_strategy
func TestNamingStrategyRenamesEveryTable(t *testing.T) {
	config := func(c *gorm.Config) {
		// ✎ give c a NamingStrategy
		//koan: _ = c
		//dodge prefix-only: c.NamingStrategy = schema.NamingStrategy{TablePrefix: "lib_"}
		//dodge singular-only: c.NamingStrategy = schema.NamingStrategy{SingularTable: true}
		//dodge prefix-no-underscore: c.NamingStrategy = schema.NamingStrategy{TablePrefix: "lib", SingularTable: true}
		//honest pointer: c.NamingStrategy = &schema.NamingStrategy{SingularTable: true, TablePrefix: "lib_"}
		c.NamingStrategy = schema.NamingStrategy{TablePrefix: "lib_", SingularTable: true}
		// ✎ end
	}
	db, _ := fixtures.Empty(t, fixtures.WithConfig(config))

	require.NoError(t, db.AutoMigrate(&Writer{}, &Novel{}, &Genre{}))

	tables, err := db.Migrator().GetTables()
	require.NoError(t, err)
	assert.Subset(t, tables, []string{"lib_writer", "lib_novel", "lib_genre", "lib_novel_genres"})
}

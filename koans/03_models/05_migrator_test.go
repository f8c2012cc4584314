package models

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// Printing has one field of each common Go type.
type Printing struct {
	ID        uint
	Title     string `gorm:"not null"`
	Copies    int
	Price     float64
	Signed    bool
	PrintedAt time.Time
}

// TestMigratorReadsColumnTypes: the Migrator reads back the table a struct turned into.
//
// db.Migrator() asks the database, not the struct: ColumnTypes lists the real
// columns with their SQL types and nullability. On SQLite each Go type maps
// to one of a few type names — and SQLite has no boolean type at all.
//
// Hint: the CREATE TABLE below spells out every column's type.
func TestMigratorReadsColumnTypes(t *testing.T) {
	db, _ := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&Printing{}))

	columns, err := db.Migrator().ColumnTypes(&Printing{})
	require.NoError(t, err)
	typeOf := map[string]string{}
	nullable := map[string]bool{}
	for _, c := range columns {
		typeOf[c.Name()] = c.DatabaseTypeName()
		nullable[c.Name()], _ = c.Nullable()
	}

	assert.Equal(t, ___, typeOf["title"])      // SQL type of a string field?
	assert.Equal(t, ___, typeOf["price"])      // of a float64?
	assert.Equal(t, ___, typeOf["signed"])     // of a bool?
	assert.Equal(t, ___, typeOf["printed_at"]) // of a time.Time?
	assert.Equal(t, __, nullable["title"])     // may title hold NULL?
	assert.Equal(t, __, nullable["copies"])    // may copies hold NULL?
}

// Catalogue has a unique code stored in a column named sku, and an indexed shelf.
type Catalogue struct {
	ID    uint
	Code  string `gorm:"column:sku;uniqueIndex"`
	Shelf string `gorm:"index"`
}

// TestIndexesAreNamedAfterFields: GORM names an index idx_<table>_<field>, even when the column is renamed.
//
// `index` and `uniqueIndex` tags make AutoMigrate run CREATE INDEX after
// CREATE TABLE. The name is built from the table and the Go field's name in
// snake_case — not from the column — so a `column:` tag doesn't rename the
// index. GetIndexes reads the indexes back from the database.
//
// Hint: the CREATE INDEX statements below carry the names.
func TestIndexesAreNamedAfterFields(t *testing.T) {
	db, _ := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&Catalogue{}))

	indexes, err := db.Migrator().GetIndexes(&Catalogue{})
	require.NoError(t, err)
	unique := map[string]bool{}
	for _, idx := range indexes {
		unique[idx.Name()], _ = idx.Unique()
	}

	assert.Contains(t, unique, ___)                     // the index of Code (column sku)?
	assert.Contains(t, unique, ___)                     // the index of Shelf?
	assert.Equal(t, __, unique["idx_catalogues_shelf"]) // is the shelf index unique?
}

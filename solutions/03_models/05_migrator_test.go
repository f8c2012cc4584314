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
	Cover     []byte
}

// TestMigratorReadsColumnTypes: GORM gives each field a type of its own, and the dialector turns it into the database's — on SQLite, one of five.
//
// GORM's schema gives every field a database-neutral DataType: string, int,
// uint, float, bool, time, bytes. The dialector turns that into a column
// type when it writes CREATE TABLE, and only db.Migrator() asks the database
// what it got: ColumnTypes lists the real columns with their SQL types and
// nullability. What follows is SQLite's answer — it has no boolean type at
// all; PostgreSQL or MySQL would say boolean, bytea, varchar(191)….
//
// Hint: on SQLite the types are text, integer, real, numeric, datetime and
// blob. The CREATE TABLE below spells out every column's type.
//
// Docs: https://gorm.io/docs/migration.html#Columns
// SQL: after first try
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
	gormType := map[string]string{}
	for _, f := range schemaOf(t, db, &Printing{}).Fields {
		gormType[f.DBName] = string(f.DataType)
	}

	assert.Equal(t /*___*/, "bool", gormType["signed"])  // GORM's own DataType for a bool field?
	assert.Equal(t /*___*/, "numeric", typeOf["signed"]) // and the column type SQLite gave it?
	assert.Equal(t /*___*/, "blob", typeOf["cover"])     // the column type SQLite gave a []byte?
	assert.Equal(t /*__*/, false, nullable["title"])     // may title (not null) hold NULL?
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
// Hint: the table is catalogues; the fields are Code and Shelf.
//
// Docs: https://gorm.io/docs/indexes.html
// SQL: after first try
func TestIndexesAreNamedAfterFields(t *testing.T) {
	db, _ := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&Catalogue{}))

	indexes, err := db.Migrator().GetIndexes(&Catalogue{})
	require.NoError(t, err)
	indexOn := map[string]string{} // column → index name
	unique := map[string]bool{}
	for _, idx := range indexes {
		if cols := idx.Columns(); len(cols) == 1 {
			indexOn[cols[0]] = idx.Name()
			unique[cols[0]], _ = idx.Unique()
		}
	}

	assert.Equal(t /*___*/, "idx_catalogues_code", indexOn["sku"])    // the index on sku, the column of Code?
	assert.Equal(t /*___*/, "idx_catalogues_shelf", indexOn["shelf"]) // the index on shelf?
	assert.Equal(t /*__*/, false, unique["shelf"])                    // is the shelf index unique?
}

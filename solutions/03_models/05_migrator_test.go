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
// all; PostgreSQL has a type for each (TestPostgreSQLHasATypeForEachField,
// on PostgreSQL).
//
// Hint: on SQLite the types are text, integer, real, numeric, datetime and
// blob. The CREATE TABLE (shown after your first try) spells out every column's type.
//
// Docs: https://gorm.io/docs/migration.html#Columns
// SQL: after first try
// Database: sqlite
func TestMigratorReadsColumnTypes(t *testing.T) {
	db, _ := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&Printing{}))

	typeOf, nullable := columnTypesOf(t, db, &Printing{})
	gormType := dataTypesOf(t, db, &Printing{})

	assert.Equal(t /*___*/, "bool", gormType["signed"])  // GORM's own DataType for a bool field?
	assert.Equal(t /*___*/, "numeric", typeOf["signed"]) // and the column type SQLite gave it?
	assert.Equal(t /*___*/, "blob", typeOf["cover"])     // the column type SQLite gave a []byte?
	assert.Equal(t /*__*/, false, nullable["title"])     // may title (not null) hold NULL?
}

// TestPostgreSQLHasATypeForEachField: on PostgreSQL a bool is a boolean and a []byte is bytea — and a float64 is exact.
//
// GORM's schema gives every field a database-neutral DataType: string, int,
// uint, float, bool, time, bytes. The PostgreSQL dialector writes a type of
// PostgreSQL's for each into CREATE TABLE: bigint for a Go int (64 bits),
// boolean, bytea, timestamptz, text for a string without a size. One is a
// surprise: a float64 without a precision tag becomes decimal, an exact
// number, not a double precision. db.Migrator().ColumnTypes reads back what
// the database made of it, in the names of its own catalog.
//
// Hint: the CREATE TABLE (shown after your first try) says which type GORM asked for. PostgreSQL
// answers in the short names of its catalog (pg_type): int4, int8, float8,
// numeric, bool, text, bytea, timestamptz.
//
// Docs: https://gorm.io/docs/migration.html#Columns
// SQL: after first try
// Database: postgres
func TestPostgreSQLHasATypeForEachField(t *testing.T) {
	db, _ := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&Printing{}))

	typeOf, _ := columnTypesOf(t, db, &Printing{})
	gormType := dataTypesOf(t, db, &Printing{})

	assert.Equal(t /*___*/, "float", gormType["price"]) // GORM's own DataType for a float64 field?
	assert.Equal(t /*___*/, "numeric", typeOf["price"]) // and the column type PostgreSQL gave it?
	assert.Equal(t /*___*/, "bool", typeOf["signed"])   // the column type of a bool?
	assert.Equal(t /*___*/, "int8", typeOf["copies"])   // of a Go int?
	assert.Equal(t, "bytea", typeOf["cover"], "a []byte")
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

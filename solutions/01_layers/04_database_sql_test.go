package layers

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestDatabaseSQLLayer: underneath GORM is a plain *sql.DB, and you can always reach it.
//
// db.DB() hands you the database/sql pool GORM talks through. Queries on it
// skip GORM entirely — no builder, no callbacks, no logger, no structs — but
// they reach the same database, so the question "how many books after
// 2000?" gets the same answer as at the other layers. Nothing rewrites your
// SQL either: the placeholder is the driver's own (PostgreSQL knows only
// $1, $2…, MySQL only ?, SQLite both); queries.Spelled writes the ? below
// in your database's own.
//
// Hint: the *sql.DB knows nothing about models, but it is one pool for one
// database. The recorder sits between database/sql and the database: does
// it see statements that never went through GORM?
//
// Docs: https://gorm.io/docs/generic_interface.html
// SQL: after first try
func TestDatabaseSQLLayer(t *testing.T) {
	db, queries := fixtures.Library(t)
	var viaModel int64
	require.NoError(t, db.Model(&fixtures.Book{}).Where("year > ?", 2000).Count(&viaModel).Error)
	queries.Reset()

	sqlDB, err := db.DB()
	require.NoError(t, err)
	var n int64
	require.NoError(t, sqlDB.QueryRow(queries.Spelled("SELECT count(*) FROM books WHERE year > ?"), 2000).Scan(&n))

	assert.Equal(t, viaModel, n)
	assert.Equal(t /*__*/, 1, queries.Len()) // how many statements reached the database through the *sql.DB?
}

// TestDatabaseSQLScansByHand: at the bottom layer you scan every column yourself, NULLs included.
//
// database/sql returns rows, not structs: you Scan into variables in column
// order, and each variable must be able to hold what comes back. A NULL
// cannot go into a Go string — Scan fails — so by hand you use
// sql.NullString or a *string. GORM's Scan into a struct does that work for
// you: a NULL column leaves the field at its zero value.
//
// Hint: the same NULL, scanned twice: once by database/sql into a string,
// once by GORM into a struct's string field.
//
// Docs: https://pkg.go.dev/database/sql#Rows.Scan
func TestDatabaseSQLScansByHand(t *testing.T) {
	db, _ := fixtures.Library(t)
	sqlDB, err := db.DB()
	require.NoError(t, err)

	var byHand string
	byHandErr := sqlDB.QueryRow("SELECT NULL AS name").Scan(&byHand)

	var row struct{ Name string }
	gormErr := db.Raw("SELECT NULL AS name").Scan(&row).Error

	assert.Equal(t /*__*/, false, byHandErr == nil) // could database/sql scan NULL into a string?
	assert.Equal(t /*__*/, true, gormErr == nil)    // could GORM scan it into the struct?
	assert.Equal(t /*___*/, "", row.Name)           // what does the field hold?
}

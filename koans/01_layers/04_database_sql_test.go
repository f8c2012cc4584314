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
// skip GORM entirely — no builder, no callbacks, no structs — but they reach
// the same database, so the question "how many books after 2000?" gets the same
// answer a third time.
//
// Hint: the *sql.DB knows nothing about models, but it is one pool for one
// database. The recorder sits between database/sql and SQLite: does it see
// statements that never went through GORM?
func TestDatabaseSQLLayer(t *testing.T) {
	db, queries := fixtures.Library(t)

	sqlDB, err := db.DB()
	require.NoError(t, err)

	var n int
	require.NoError(t, sqlDB.QueryRow("SELECT count(*) FROM books WHERE year > ?", 2000).Scan(&n))

	assert.Equal(t, __, n)             // how many books after 2000, asked without GORM?
	assert.Equal(t, __, queries.Len()) // how many statements reached SQLite?
}

// TestDatabaseSQLScansByHand: at the bottom layer, you scan every column yourself.
//
// database/sql returns rows, not structs: you call Next, Scan into variables
// in column order, and check Err at the end. This is what GORM's Find does for
// you at the model layer, for every row and every field.
//
// Hint: the query asks for Ursula K. Le Guin's books (author 1) in the order
// they came out. Look them up in the seed data.
func TestDatabaseSQLScansByHand(t *testing.T) {
	db, _ := fixtures.Library(t)

	sqlDB, err := db.DB()
	require.NoError(t, err)

	rows, err := sqlDB.Query("SELECT title, year FROM books WHERE author_id = ? ORDER BY year", 1)
	require.NoError(t, err)
	defer rows.Close()

	var titles []string
	for rows.Next() {
		var title string
		var year int
		require.NoError(t, rows.Scan(&title, &year))
		titles = append(titles, title)
	}
	require.NoError(t, rows.Err())
	require.Len(t, titles, 5)

	assert.Equal(t, ___, titles[0]) // which came first?
	assert.Equal(t, ___, titles[4]) // and which last?
}

package more

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestTwoCounts: two finishers, two SELECTs.
//
// SQL: after first try
//
// Docs: https://gorm.io/docs/query.html
//
// Hint: count the statements in the SQL below.
func TestTwoCounts(t *testing.T) {
	db, queries := fixtures.Library(t)
	var n int64
	require.NoError(t, db.Table("books").Count(&n).Error)
	require.NoError(t, db.Table("authors").Count(&n).Error)
	assert.Equal(t /*__*/, 2, queries.Count("SELECT")) // how many SELECTs?
}

// TestNothingSent: a dry run sends nothing.
//
// Hint: nothing reaches the database.
func TestNothingSent(t *testing.T) {
	_, queries := fixtures.Library(t)
	assert.Equal(t /*__*/, 0, queries.Len()) // how many statements?
}

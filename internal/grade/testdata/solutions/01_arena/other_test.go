package arena

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestText: Table names the table a query reads.
//
// Hint: which table holds the books?
func TestText(t *testing.T) {
	db, queries := fixtures.Library(t)
	var n int64
	require.NoError(t, db.Table( /*___*/ "books").Count(&n).Error) // which table?
	assert.Equal(t, []string{"books"}, queries.Tables("SELECT"))
}

// TestOther: the seed has a known number of authors.
//
// Hint: count them.
func TestOther(t *testing.T) {
	db, _ := fixtures.Library(t)
	var n int64
	require.NoError(t, db.Model(&fixtures.Author{}).Count(&n).Error)
	assert.Equal(t /*__*/, true, n > 0) // are there authors?
}

// TestFirst: First orders by the primary key.
//
// Hint: First takes a pointer to the struct it fills.
func TestFirst(t *testing.T) {
	db, _ := fixtures.Library(t)
	var a fixtures.Author
	// ✎ load the first author into a
	//koan: _ = db
	require.NoError(t, db.First(&a).Error)
	// ✎ end
	assert.Equal(t, uint(1), a.ID)
}

package querying

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestScopesPaginate: write a pagination scope, so any query can ask for page N of size S.
//
// A scope is a func(*gorm.DB) *gorm.DB: it takes a query, adds to its chain,
// and returns it. db.Scopes(f) calls f when the query runs. Pagination,
// tenancy filters, "only published" — each becomes a named, reusable piece
// instead of a copy-pasted Where.
//
// Hint: page 1 starts at offset 0; page 2 skips one page's worth of rows.
// Use Offset and Limit on tx, and return what they give you.
func TestScopesPaginate(t *testing.T) {
	db, queries := fixtures.Library(t)

	// ✎ make paginate narrow tx to one page (pages count from 1)
	paginate := func(page, size int) func(*gorm.DB) *gorm.DB {
		return func(tx *gorm.DB) *gorm.DB { return tx }
	}
	// ✎ end

	var second, last []fixtures.Book
	require.NoError(t, db.Scopes(paginate(2, 5)).Order("id").Find(&second).Error)
	require.NoError(t, db.Scopes(paginate(7, 5)).Order("id").Find(&last).Error)

	assert.Equal(t, []string{"The Colour of Magic", "Mort", "Guards! Guards!", "Small Gods", "Going Postal"}, fixtures.Titles(second))
	assert.Equal(t, []string{"Kafka on the Shore", "1Q84"}, fixtures.Titles(last))
	assert.Equal(t, 2, queries.Len(), "one query per page")
}

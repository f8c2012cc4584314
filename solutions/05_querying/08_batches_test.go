package querying

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestFindInBatchesIsKeyset: FindInBatches walks the table by primary key, one bounded SELECT at a time.
//
// To process a big table without loading it whole, FindInBatches fetches
// `size` rows, calls your function, and fetches the next rows *after the last
// id seen* (keyset pagination) — not with OFFSET, which gets slower the
// deeper it goes and skips rows when others insert meanwhile. It stops when a
// batch comes back short; if the last batch was full, that takes one more,
// empty, SELECT.
//
// Hint: 32 books in batches of 8. Read the WHERE of each SELECT below.
func TestFindInBatchesIsKeyset(t *testing.T) {
	db, queries := fixtures.Library(t)

	var batch []fixtures.Book
	calls := 0
	require.NoError(t, db.FindInBatches(&batch, 8, func(tx *gorm.DB, number int) error {
		calls++
		return nil
	}).Error)
	usedOffset := false
	for _, s := range queries.SQL() {
		usedOffset = usedOffset || strings.Contains(s, "OFFSET")
	}

	assert.Equal(t /*__*/, 4, calls)                   // how many times did the function run?
	assert.Equal(t /*__*/, 5, queries.Count("SELECT")) // how many SELECTs were sent?
	assert.Equal(t /*__*/, false, usedOffset)          // did any of them use OFFSET?
}

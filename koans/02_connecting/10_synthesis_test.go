package connecting

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestImportInOneTransaction: import tags in one transaction, where a duplicate undoes only itself, under the request's context.
//
// A batch import should commit once, yet one bad row (a tag that exists
// already: names are unique) must not sink the others. Give each row its
// own nested Transaction — a SAVEPOINT — and count the ones that stuck. Run
// it all under ctx, so a cancelled request sends nothing. Ignoring the
// failed INSERT and carrying on happens to work on SQLite, but on
// PostgreSQL a failed statement aborts the whole transaction: only the
// savepoint makes this portable.
//
// Hint: db.WithContext(ctx).Transaction(func(tx) …), and inside it one
// tx.Transaction(func(inner) …) per name. An inner error rolls back to its
// savepoint; do not return it from the outer callback.
//
// Docs: https://gorm.io/docs/transactions.html#Nested-Transactions
func TestImportInOneTransaction(t *testing.T) {
	db, queries := fixtures.Library(t)

	// ✎ make importTags add every new name, skip duplicates, in one transaction under ctx
	importTags := func(ctx context.Context, db *gorm.DB, names []string) (added int, err error) {
		for _, name := range names {
			if db.Create(&fixtures.Tag{Name: name}).Error == nil {
				added++
			}
		}
		return added, nil
	}
	// ✎ end

	added, err := importTags(t.Context(), db, []string{"memoir", "fantasy", "essay"})
	require.NoError(t, err)
	sent := queries.Keywords()
	builtSavepoints(t, queries, 3)     // one per name, by GORM's transaction API
	queries.InTransaction(t, "INSERT") // in a transaction GORM opened
	var names []string
	require.NoError(t, db.Model(&fixtures.Tag{}).Where("name IN ?", []string{"memoir", "fantasy", "essay"}).Order("name").Pluck("name", &names).Error)

	assert.Equal(t, 2, added, `"fantasy" exists already`)
	assert.Equal(t, []string{"essay", "fantasy", "memoir"}, names)
	assert.Equal(t, []string{"BEGIN", "SAVEPOINT", "INSERT", "SAVEPOINT", "INSERT", "ROLLBACK", "SAVEPOINT", "INSERT", "COMMIT"}, sent,
		"one transaction, one savepoint per name, the duplicate rolled back to its own")

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	queries.Reset()
	_, err = importTags(ctx, db, []string{"poems"})
	assert.ErrorIs(t, err, context.Canceled)
	assert.Zero(t, queries.Len(), "a cancelled request sends nothing")
}

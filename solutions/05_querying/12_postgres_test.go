//go:build koans_postgres

package querying

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestILikeIgnoresCase: on PostgreSQL, LIKE matches case exactly; ILIKE is the one that ignores it.
//
// A search box sends what the learner typed, "the", in lower case. SQLite's
// LIKE ignores the case of ASCII letters, so a search that works there finds
// nothing on PostgreSQL, whose LIKE compares every character as written.
// PostgreSQL has ILIKE for a case-blind match (SQLite does not know the
// word); lower(title) LIKE lower(?) is the spelling both databases accept,
// and the one an index on lower(title) can serve.
//
// Hint: the library's titles are capitalised: "The Dispossessed", "The
// Colour of Magic"… Count the books whose title starts with "The ".
//
// Database: postgres
// Docs: https://gorm.io/docs/query.html#String-Conditions
func TestILikeIgnoresCase(t *testing.T) {
	db, _ := fixtures.Library(t)
	const typed = "the %"

	var like, ilike, lowered int64
	require.NoError(t, db.Model(&fixtures.Book{}).Where("title LIKE ?", typed).Count(&like).Error)
	require.NoError(t, db.Model(&fixtures.Book{}).Where("title ILIKE ?", typed).Count(&ilike).Error)
	require.NoError(t, db.Model(&fixtures.Book{}).Where("lower(title) LIKE lower(?)", typed).Count(&lowered).Error)

	assert.Equal(t /*__*/, 0, int(like))    // how many titles did LIKE 'the %' match?
	assert.Equal(t /*__*/, 9, int(ilike))   // and ILIKE 'the %'?
	assert.Equal(t /*__*/, 9, int(lowered)) // and lower(title) LIKE lower('the %')?
}

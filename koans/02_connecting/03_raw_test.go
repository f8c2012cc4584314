package connecting

import (
	"database/sql"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestRawAndExecSendYourSQL: Exec and Raw send your own SQL as it is, with no transaction around it.
//
// When the query builder is in the way, write the SQL: Exec for statements
// that return no rows (it reports RowsAffected), Raw plus Scan for those that
// do. Arguments go in ? or @name placeholders, never into the string. GORM
// sends the statement as it is — no hooks, and no BEGIN/COMMIT of its own.
//
// Hint: "poetry" is the one tag no book uses. For the names, find the British
// authors in the seed data and sort them by year of birth.
func TestRawAndExecSendYourSQL(t *testing.T) {
	db, queries := fixtures.Library(t)

	deleted := db.Exec("DELETE FROM tags WHERE name = ?", "poetry")
	require.NoError(t, deleted.Error)

	var names []string
	require.NoError(t, db.Raw("SELECT name FROM authors WHERE country = @country ORDER BY born",
		sql.Named("country", "United Kingdom")).Scan(&names).Error)

	assert.Equal(t, __, int(deleted.RowsAffected)) // how many tags did the DELETE remove?
	assert.Equal(t,
		__, // which names came back, in order?
		names)
	assert.Equal(t, __, queries.Count("BEGIN")) // how many transactions did GORM open?
}

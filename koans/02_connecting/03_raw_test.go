package connecting

import (
	"database/sql"
	"strings"
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
// sends the statement as it is — no hooks, and no BEGIN/COMMIT of its own —
// except for the placeholders: a named one becomes the database's own bind
// variable, with its value beside it.
//
// Hint: the bind variable is ? on SQLite, $1, $2… on PostgreSQL. Write the
// statement with its placeholder or with its value written in (as the SQL
// panel shows it), in either database's spelling. What did GORM make of
// @country?
//
// Docs: https://gorm.io/docs/sql_builder.html#named_argument
// SQL: after first try
func TestRawAndExecSendYourSQL(t *testing.T) {
	db, queries := fixtures.Library(t)

	deleted := db.Exec("DELETE FROM tags WHERE name = ?", "poetry")
	require.NoError(t, deleted.Error)

	var names []string
	require.NoError(t, db.Raw("SELECT name FROM authors WHERE country = @country ORDER BY born",
		sql.Named("country", "United Kingdom")).Scan(&names).Error)

	assert.Equal(t, 1, int(deleted.RowsAffected), "the one unused tag")
	assert.Equal(t, []string{"Jane Austen", "Terry Pratchett", "Kazuo Ishiguro"}, names)
	raw := queries.Last()
	assert.Contains(t, []string{raw.SQL, raw.String()}, queries.Spelled(___)) // what SQL reached the database for the Raw?
	assert.Equal(t, __, strings.Contains(raw.SQL, "@country"))                // did the name @country reach the database?
	assert.Equal(t, __, queries.Count("BEGIN"))                               // how many transactions did GORM open?
}

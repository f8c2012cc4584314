package session

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestGlobalUpdateIsBlocked: an Update or Delete without a WHERE is refused before it is sent.
//
// One forgotten Where would rewrite every row of the table. GORM guards
// against it: an UPDATE or DELETE with no condition at all is not sent, and
// the finisher returns gorm.ErrMissingWhereClause. The write's transaction
// was already open, so the recorder sees it opened and rolled back.
//
// Hint: count the UPDATEs in the SQL below before you guess what came back.
// Docs: https://gorm.io/docs/update.html#block_global_updates
// SQL: after first try
func TestGlobalUpdateIsBlocked(t *testing.T) {
	db, queries := fixtures.Library(t)

	err := db.Model(&fixtures.Book{}).Update("year", 2000).Error

	assert.Equal(t /*__*/, gorm.ErrMissingWhereClause, err)                   // what did Update return?
	assert.Equal(t /*__*/, 0, queries.Count("UPDATE"))                        // UPDATEs sent?
	assert.Equal(t /*__*/, []string{"BEGIN", "ROLLBACK"}, queries.Keywords()) // statements sent, by first word?
}

// TestUpdateEveryRowOnPurpose: to change every row, say so — with a session that allows it.
//
// The guard stops accidents, not intent. Three ways through it: a session
// with AllowGlobalUpdate, a condition that is always true (Where("1 = 1")),
// or your own SQL with Exec. The session is the one that says it in GORM's
// terms and sends the plain UPDATE, with no WHERE to pretend.
//
// Hint: the line already opens a Session; one of gorm.Session's fields lifts
// the guard for everything chained from it.
// Docs: https://gorm.io/docs/update.html#block_global_updates
func TestUpdateEveryRowOnPurpose(t *testing.T) {
	db, queries := fixtures.Library(t)

	// ✎ move every author to Earth — all 9 of them, on purpose
	//koan: result := db.Session(&gorm.Session{}).Model(&fixtures.Author{}).Update("country", "Earth")
	result := db.Session(&gorm.Session{AllowGlobalUpdate: true}).Model(&fixtures.Author{}).Update("country", "Earth")
	//dodge always-true: result := db.Session(&gorm.Session{}).Model(&fixtures.Author{}).Where("1 = 1").Update("country", "Earth")
	//dodge raw-sql: result := db.Exec("UPDATE authors SET country = 'Earth'")
	// ✎ end

	require.NoError(t, result.Error)
	assert.EqualValues(t, 9, result.RowsAffected)
	assert.Equal(t, []string{queries.Spelled("UPDATE `authors` SET `country`=?")}, updates(queries), "one UPDATE, and no WHERE at all")
}

// updates lists the UPDATE statements sent, placeholders and all.
func updates(queries *fixtures.Recorder) []string {
	var sent []string
	for _, s := range queries.Statements() {
		if strings.HasPrefix(s.SQL, "UPDATE") {
			sent = append(sent, strings.TrimSpace(s.SQL))
		}
	}
	return sent
}

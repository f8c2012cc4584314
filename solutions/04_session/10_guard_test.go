package session

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestGlobalUpdateIsBlocked: the guard against an UPDATE of every row looks at the WHERE GORM built — not at the one you meant.
//
// Phase 1 showed the guard refuse an UPDATE with no Where at all
// (gorm.ErrMissingWhereClause, nothing sent). The guard only asks one
// question: did the statement end up with a condition? A primary key in
// the struct you give to Model is one. A struct condition whose fields are
// all zero is none — GORM skips zero fields — so a filter built from a
// value you forgot to load falls through to the guard, or, without it,
// to every row.
//
// Hint: book 3 exists; the author was never loaded, so its ID is 0. Which
// of the two statements has a WHERE by the time GORM builds it?
// Docs: https://gorm.io/docs/update.html#block_global_updates
// SQL: after first try
func TestGlobalUpdateIsBlocked(t *testing.T) {
	db, queries := fixtures.Library(t)

	byKey := db.Model(&fixtures.Book{ID: 3}).Update("year", 2000)

	var author fixtures.Author // never loaded
	byAuthor := db.Model(&fixtures.Book{}).Where(&fixtures.Book{AuthorID: author.ID}).Update("year", 2000)

	assert.Equal(t /*__*/, 1, int(byKey.RowsAffected))                                  // rows the update of book 3 changed?
	assert.Equal(t /*__*/, true, errors.Is(byAuthor.Error, gorm.ErrMissingWhereClause)) // was the update by author refused?
	assert.Equal(t /*__*/, 1, queries.Count("UPDATE"))                                  // UPDATEs sent in all?
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
	//dodge raw-in-transaction: var result *gorm.DB
	//dodge raw-in-transaction: require.NoError(t, db.Transaction(func(tx *gorm.DB) error {
	//dodge raw-in-transaction: 	result = tx.Exec("UPDATE authors SET country = ?", "Earth")
	//dodge raw-in-transaction: 	return result.Error
	//dodge raw-in-transaction: }))
	//dodge every-id: var ids []uint
	//dodge every-id: require.NoError(t, db.Model(&fixtures.Author{}).Pluck("id", &ids).Error)
	//dodge every-id: result := db.Model(&fixtures.Author{}).Where("id IN ?", ids).Update("country", "Earth")
	//honest map: result := db.Session(&gorm.Session{AllowGlobalUpdate: true}).Model(&fixtures.Author{}).Updates(map[string]any{"country": "Earth"})
	//honest config: result := db.Session(&gorm.Session{AllowGlobalUpdate: true, SkipHooks: true}).Model(&fixtures.Author{}).Update("country", "Earth")
	// ✎ end

	require.NoError(t, result.Error)
	assert.EqualValues(t, 9, result.RowsAffected)
	assert.Len(t, updates(queries), 1, "one UPDATE for all of them")
	if queries.Built(t, "UPDATE") {
		for _, s := range queries.Statements() {
			if strings.HasPrefix(s.SQL, "UPDATE") {
				assert.False(t, s.Has("WHERE"), "say 'every row' to GORM, not with a WHERE: %s", s.SQL)
			}
		}
	}
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

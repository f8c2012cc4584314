package realworld

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// Review is edited by several people at once; Version counts its edits.
type Review struct {
	ID      uint
	Body    string
	Version int `gorm:"not null;default:1"`
}

// newReviewDB is an empty database with one review in it, at version 1.
func newReviewDB(t *testing.T) (*gorm.DB, *fixtures.Recorder) {
	t.Helper()
	db, queries := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&Review{}))
	require.NoError(t, db.Create(&Review{Body: "A fine book."}).Error)
	queries.Reset()
	return db, queries
}

// TestLastWriterWins: two editors load the same row; the second Save silently erases the first.
//
// Alice and Bob both open review 1. Alice saves; then Bob, who never saw
// Alice's text, saves his. Save writes every column WHERE id = 1: both
// UPDATEs match the row, both succeed, and Alice's edit is gone — a "lost
// update". No error tells anyone.
//
// Hint: read the two UPDATEs. What in their WHERE clause could tell Bob's
// apart from Alice's?
// Docs: https://gorm.io/docs/update.html#Save-All-Fields
// SQL: after first try
func TestLastWriterWins(t *testing.T) {
	db, _ := newReviewDB(t)
	var alice, bob Review
	require.NoError(t, db.First(&alice, 1).Error)
	require.NoError(t, db.First(&bob, 1).Error)

	alice.Body = "A fine book. Alice: the ending drags."
	require.NoError(t, db.Save(&alice).Error)
	bob.Body = "A fine book. Bob: loved it."
	res := db.Save(&bob)

	var stored Review
	require.NoError(t, db.First(&stored, 1).Error)
	assert.Equal(t, __, int(res.RowsAffected)) // how many rows did Bob's save change?
	assert.Equal(t, __, stored.Body)           // what is stored now?
}

// TestVersionColumnStopsStaleWrites: check the version you read in the WHERE, and a stale writer updates nothing.
//
// Optimistic locking: each write says "update this row only if it is still
// the version I read" and bumps the version. The first writer matches and
// moves the row to version 2; the second still asks for version 1, matches
// no row, and RowsAffected = 0 tells the app to reload and retry (or show a
// conflict). No locks are held while people think. (gorm.io/plugin/
// optimisticlock packages this same idea.)
//
// Hint: Where can hold two conditions; gorm.Expr("version + 1") lets the
// database compute the new version.
// Docs: https://gorm.io/docs/update.html#update_from_sql_expr
func TestVersionColumnStopsStaleWrites(t *testing.T) {
	db, queries := newReviewDB(t)
	var alice, bob Review
	require.NoError(t, db.First(&alice, 1).Error)
	require.NoError(t, db.First(&bob, 1).Error)
	queries.Reset()

	// ✎ make save update only the version it read, and bump the version
	save := func(r Review) *gorm.DB {
		return db.Model(&Review{ID: r.ID}).Updates(map[string]any{"body": r.Body})
	}
	// ✎ end

	alice.Body = "A fine book. Alice: the ending drags."
	first := save(alice)
	bob.Body = "A fine book. Bob: loved it."
	second := save(bob)

	require.NoError(t, first.Error)
	require.NoError(t, second.Error, "a stale write is not an error: it just matches nothing")
	assert.EqualValues(t, 1, first.RowsAffected, "Alice read the current version")
	assert.EqualValues(t, 0, second.RowsAffected, "Bob's version is stale")
	var stored Review
	require.NoError(t, db.First(&stored, 1).Error)
	assert.Equal(t, "A fine book. Alice: the ending drags.", stored.Body)
	assert.Equal(t, 2, stored.Version)
	assert.Equal(t, 2, queries.Count("UPDATE"))
	assert.Equal(t, 1, queries.Count("SELECT"), "the version is checked by the UPDATE itself, not by a SELECT another writer can overtake")
	queries.FromModel(t, "UPDATE")

	// Bob reloads, sees Alice's edit, and saves again: now his version is current.
	require.NoError(t, db.First(&bob, 1).Error)
	bob.Body = stored.Body + " Bob: loved it anyway."
	retry := save(bob)
	require.NoError(t, retry.Error)
	assert.EqualValues(t, 1, retry.RowsAffected, "Bob reloaded: his write names the version he read, whatever number it is")
	require.NoError(t, db.First(&stored, 1).Error)
	assert.Equal(t, 3, stored.Version, "each write moves the version one further")
}

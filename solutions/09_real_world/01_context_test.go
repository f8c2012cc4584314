package realworld

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestExpiredDeadlineSendsNothing: a context whose deadline has passed stops the query before it starts.
//
// In a server every request carries a context with a deadline. Hand it to
// GORM with WithContext and database/sql checks it before it even takes a
// connection: a request that has run out of time costs the database nothing.
// The error wraps the context's own error, so errors.Is tells you why.
//
// Hint: a deadline at the Unix epoch is long gone. The recorder only sees
// what reached SQLite.
func TestExpiredDeadlineSendsNothing(t *testing.T) {
	db, queries := fixtures.Library(t)
	ctx, cancel := context.WithDeadline(t.Context(), time.Unix(0, 0))
	defer cancel()

	var books []fixtures.Book
	err := db.WithContext(ctx).Where("year > ?", 2000).Find(&books).Error

	assert.Equal(t /*__*/, true, errors.Is(err, context.DeadlineExceeded)) // did the deadline cause the error?
	assert.Equal(t /*__*/, 0, queries.Len())                               // how many statements reached SQLite?
	assert.Equal(t /*__*/, 0, len(books))                                  // how many books came back?
}

// TestPassTheRequestContext: a query only honours the context you hand it.
//
// The handler below got a request whose client has already gone away: its
// context is cancelled. A plain db.Find does not know that and does the work
// anyway. GORM never looks for a context on its own; you attach it to the
// chain, once per request.
//
// Hint: there is a chain method that returns a *gorm.DB carrying a context.
func TestPassTheRequestContext(t *testing.T) {
	db, queries := fixtures.Library(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel() // the client hung up

	var books []fixtures.Book
	// ✎ let the request's context reach the query
	//koan: err := db.Find(&books).Error
	err := db.WithContext(ctx).Find(&books).Error
	// ✎ end

	require.ErrorIs(t, ctx.Err(), context.Canceled, "the request is over")
	assert.ErrorIs(t, err, context.Canceled)
	assert.Zero(t, queries.Len(), "a cancelled request should send no SQL")
}

// TestCancelRollsBackTheTransaction: cancelling the context mid-transaction rolls the whole transaction back.
//
// A transaction begun with a context belongs to that context. When it is
// cancelled (the client hangs up, the deadline passes), database/sql rolls the
// transaction back by itself: the statements that already succeeded are
// undone, later ones fail, and Commit reports the cancellation.
//
// Hint: read the SQL: after the first INSERT, which statement ended the
// transaction? The library starts with 11 tags.
func TestCancelRollsBackTheTransaction(t *testing.T) {
	db, queries := fixtures.Library(t)
	ctx, cancel := context.WithCancel(t.Context())

	tx := db.WithContext(ctx).Begin()
	require.NoError(t, tx.Create(&fixtures.Tag{Name: "memoir"}).Error)
	cancel()
	second := tx.Create(&fixtures.Tag{Name: "essay"}).Error
	commit := tx.Commit().Error

	var n int64
	require.NoError(t, db.Model(&fixtures.Tag{}).Count(&n).Error)
	assert.Equal(t /*__*/, true, errors.Is(second, context.Canceled)) // did the second INSERT fail because of the cancel?
	assert.Equal(t /*__*/, false, commit == nil)                      // did Commit succeed?
	assert.Equal(t /*__*/, 11, int(n))                                // how many tags are there now?
	assert.Equal(t /*___*/, "ROLLBACK", queries.Keywords()[2])        // what ended the transaction?
}

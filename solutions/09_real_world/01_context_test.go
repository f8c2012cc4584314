package realworld

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestPassTheRequestContext: in a handler, hand the request's context to every query.
//
// A server gives each request a context: it carries the request's ID for the
// logs and is cancelled when the client hangs up or the deadline passes.
// GORM never looks for it; a query only honours the context you attach to
// its chain. Attached, the SQL log says which request sent each statement,
// and a request nobody waits for any more costs the database nothing.
//
// Hint: the request carries its context; there is a chain method that
// returns a *gorm.DB carrying one.
// Docs: https://gorm.io/docs/context.html#Integration-with-Chi-Middleware
func TestPassTheRequestContext(t *testing.T) {
	log := newSQLLog()
	db, queries := fixtures.Library(t, fixtures.WithConfig(func(c *gorm.Config) { c.Logger = log }))
	log.Reset()

	// ✎ let the request's context reach the query
	//koan: recentBooks := func(r *http.Request) ([]fixtures.Book, error) {
	//koan: 	var books []fixtures.Book
	//koan: 	err := db.Where("year > ?", 2000).Find(&books).Error
	//koan: 	return books, err
	//koan: }
	recentBooks := func(r *http.Request) ([]fixtures.Book, error) {
		var books []fixtures.Book
		err := db.WithContext(r.Context()).Where("year > ?", 2000).Find(&books).Error
		return books, err
	}
	//dodge check-first: recentBooks := func(r *http.Request) ([]fixtures.Book, error) {
	//dodge check-first: 	if err := r.Context().Err(); err != nil { return nil, err }
	//dodge check-first: 	var books []fixtures.Book
	//dodge check-first: 	return books, db.Where("year > ?", 2000).Find(&books).Error
	//dodge check-first: }
	//dodge no-query: recentBooks := func(r *http.Request) ([]fixtures.Book, error) { _ = db; return nil, r.Context().Err() }
	//dodge filter-in-go: recentBooks := func(r *http.Request) ([]fixtures.Book, error) {
	//dodge filter-in-go: 	var all, books []fixtures.Book
	//dodge filter-in-go: 	err := db.WithContext(r.Context()).Find(&all).Error
	//dodge filter-in-go: 	for _, b := range all { if b.Year > 2000 { books = append(books, b) } }
	//dodge filter-in-go: 	return books, err
	//dodge filter-in-go: }
	//honest session-context: recentBooks := func(r *http.Request) ([]fixtures.Book, error) {
	//honest session-context: 	var books []fixtures.Book
	//honest session-context: 	return books, db.Session(&gorm.Session{Context: r.Context()}).Where("year > ?", 2000).Find(&books).Error
	//honest session-context: }
	//honest generics: recentBooks := func(r *http.Request) ([]fixtures.Book, error) {
	//honest generics: 	return gorm.G[fixtures.Book](db).Where("year > ?", 2000).Find(r.Context())
	//honest generics: }
	// ✎ end

	req := httptest.NewRequest(http.MethodGet, "/books?since=2000", nil)
	req = req.WithContext(withRequestID(req.Context(), "req-42"))
	books, err := recentBooks(req)
	require.NoError(t, err)
	assert.Len(t, books, 3)
	queries.ReadAtMost(t, 3)
	assert.Equal(t, []string{"req-42"}, log.IDs(), "the log should tie the SELECT to request req-42")

	gone, hangUp := context.WithCancel(req.Context())
	hangUp() // the client went away
	queries.Reset()
	_, err = recentBooks(req.WithContext(gone))
	assert.ErrorIs(t, err, context.Canceled)
	assert.Zero(t, queries.Len(), "a request nobody waits for should send no SQL")
}

// TestDefaultContextTimeoutCoversTheRest: DefaultContextTimeout gives a deadline to every statement whose context has none.
//
// A statement without a deadline can wait forever: on a lock a stuck
// transaction holds, on a network that stopped answering. Passing a context
// with a deadline on every request is the fix, and a background job or a
// forgotten WithContext slips through it. gorm.Config.DefaultContextTimeout
// is the safety net: GORM wraps the context of a statement that has no
// deadline in one with this timeout, and leaves a deadline you set alone.
//
// Hint: the first Find carries no context of its own; the second carries
// the request's, which allows an hour.
// Docs: https://gorm.io/docs/context.html#Context-Timeout
func TestDefaultContextTimeoutCoversTheRest(t *testing.T) {
	log := newSQLLog()
	db, _ := fixtures.Library(t, fixtures.WithConfig(func(c *gorm.Config) {
		c.Logger = log
		c.DefaultContextTimeout = 5 * time.Second
	}))
	log.Reset()
	request, cancel := context.WithTimeout(t.Context(), time.Hour)
	defer cancel()

	var books []fixtures.Book
	require.NoError(t, db.Find(&books).Error)
	require.NoError(t, db.WithContext(request).Find(&books).Error)

	assert.Equal(t /*__*/, []string{"at most 5s", "more than a minute"}, log.Deadlines()) // what deadline did each Find run under: "none", "at most 5s" or "more than a minute"?
}

// TestCancelRollsBackTheTransaction: cancelling the context mid-transaction rolls the whole transaction back.
//
// A transaction begun with a context belongs to that context. When it is
// cancelled (the client hangs up, the deadline passes), database/sql rolls
// the transaction back by itself: the statements that already succeeded are
// undone and later ones fail. Commit fails too: with the context's error, or
// with sql.ErrTxDone if database/sql's rollback got there first — check it
// with errors.Is, never by its text.
//
// Hint: read the SQL: after the first INSERT, which statement ended the
// transaction, and who sent it? (On PostgreSQL, pgx refuses to send it on a
// cancelled context; the server rolls back when the connection is dropped.)
// The library starts with 11 tags.
// Docs: https://gorm.io/docs/context.html
// SQL: after first try
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
	assert.Equal(t /*__*/, 0, queries.Count("COMMIT"))                // how many COMMITs reached the database?
}

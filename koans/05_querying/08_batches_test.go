package querying

import (
	"fmt"
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
// Hint: 32 books in batches of 8. When the fourth batch comes back full,
// can GORM know it was the last? Once you have tried, the SQL panel shows
// the WHERE of each SELECT.
// Docs: https://gorm.io/docs/advanced_query.html#FindInBatches
// SQL: after first try
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

	assert.Equal(t, __, calls)                   // how many times did the function run?
	assert.Equal(t, __, queries.Count("SELECT")) // how many SELECTs were sent?
	assert.Equal(t, __, usedOffset)              // did any of them use OFFSET?
}

// TestCreateInBatchesSplitsTheInsert: CreateInBatches sends one INSERT per batch, all in one transaction.
//
// Create with a slice writes every row in a single INSERT … VALUES (…),(…).
// CreateInBatches(&rows, n) cuts the slice into INSERTs of at most n rows
// and, unless you skipped the default transaction, wraps them all in one
// BEGIN … COMMIT: the batches succeed or fail together. The IDs come back
// into your structs, batch by batch.
//
// Hint: ten tags in batches of four. A tag's INSERT carries one value, its
// name (the id comes back from the database). What is left for the last
// batch?
// Docs: https://gorm.io/docs/create.html#batch_insert
// SQL: after first try
func TestCreateInBatchesSplitsTheInsert(t *testing.T) {
	db, queries := fixtures.Library(t)

	tags := make([]fixtures.Tag, 10)
	for i := range tags {
		tags[i].Name = fmt.Sprintf("genre-%d", i+1)
	}
	require.NoError(t, db.CreateInBatches(&tags, 4).Error)
	sent := queries.Statements()

	assert.Equal(t, __, queries.Count("INSERT"))     // INSERTs sent?
	assert.Equal(t, __, len(sent[len(sent)-2].Args)) // values in the last INSERT?
	assert.Equal(t, __, queries.Count("BEGIN"))      // transactions opened?
	assert.NotZero(t, tags[9].ID, "the last tag got its ID back")
}

// TestStayUnderTheParameterLimit: insert 22,000 books — more values than one statement may carry.
//
// A driver binds every value of an INSERT as a parameter, and databases cap
// them per statement: SQLite at 32,766, PostgreSQL and MySQL at 65,535.
// Three columns × 22,000 books is 66,000, and the one big INSERT that
// Create builds is refused: "too many SQL variables" on SQLite, "extended
// protocol limited to 65535 parameters" from PostgreSQL's driver. Batching
// keeps each INSERT under the limit: CreateInBatches, or a CreateBatchSize
// on the session (or in gorm.Config) for every Create it runs.
//
// Hint: keep one transaction, GORM's, around all of it; cut the INSERT into
// batches of a few thousand rows at most.
// Docs: https://gorm.io/docs/create.html#batch_insert
func TestStayUnderTheParameterLimit(t *testing.T) {
	db, queries := fixtures.Library(t)

	books := make([]fixtures.Book, 22000)
	for i := range books {
		books[i] = fixtures.Book{Title: fmt.Sprintf("Volume %d", i+1), Year: 2025, AuthorID: 9}
	}
	// ✎ insert all of them
	require.NoError(t, db.Create(&books).Error)
	// ✎ end

	var n int64
	require.NoError(t, db.Model(&fixtures.Book{}).Where("author_id = ?", 9).Count(&n).Error)
	assert.EqualValues(t, 22000, n)
	queries.NoHandWritten(t)           // GORM wrote every statement: no SQL text, no BEGIN by hand
	queries.InTransaction(t, "INSERT") // every batch in a transaction GORM opened
	assert.Equal(t, 1, queries.Count("BEGIN"), "one transaction for all the batches")
	assert.LessOrEqual(t, queries.Count("INSERT"), 200, "INSERTs of many books each, not one per book")
	assert.NotZero(t, books[len(books)-1].ID, "the IDs came back into your structs")
}

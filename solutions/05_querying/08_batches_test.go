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

	assert.Equal(t /*__*/, 4, calls)                   // how many times did the function run?
	assert.Equal(t /*__*/, 5, queries.Count("SELECT")) // how many SELECTs were sent?
	assert.Equal(t /*__*/, false, usedOffset)          // did any of them use OFFSET?
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

	assert.Equal(t /*__*/, 3, queries.Count("INSERT"))     // INSERTs sent?
	assert.Equal(t /*__*/, 2, len(sent[len(sent)-2].Args)) // values in the last INSERT?
	assert.Equal(t /*__*/, 1, queries.Count("BEGIN"))      // transactions opened?
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
	//koan: require.NoError(t, db.Create(&books).Error)
	require.NoError(t, db.Session(&gorm.Session{CreateBatchSize: 2000}).Create(&books).Error)
	//dodge one-batch: require.NoError(t, db.CreateInBatches(&books, len(books)).Error)
	//dodge one-by-one: for i := range books {
	//dodge one-by-one: 	require.NoError(t, db.Create(&books[i]).Error)
	//dodge one-by-one: }
	//dodge a-transaction-each: for i := 0; i < len(books); i += 2000 {
	//dodge a-transaction-each: 	chunk := books[i:min(i+2000, len(books))]
	//dodge a-transaction-each: 	require.NoError(t, db.Create(&chunk).Error)
	//dodge a-transaction-each: }
	//dodge no-transaction: require.NoError(t, db.Session(&gorm.Session{SkipDefaultTransaction: true, CreateBatchSize: 2000}).Create(&books).Error)
	//dodge exec-begin: quiet := db.Session(&gorm.Session{SkipDefaultTransaction: true, CreateBatchSize: 2000})
	//dodge exec-begin: require.NoError(t, db.Exec("BEGIN").Error)
	//dodge exec-begin: require.NoError(t, quiet.Create(&books).Error)
	//dodge exec-begin: require.NoError(t, db.Exec("COMMIT").Error)
	//dodge raw-sql: require.NoError(t, db.Transaction(func(tx *gorm.DB) error {
	//dodge raw-sql: 	return tx.Exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 22000) INSERT INTO books (title, year, author_id) SELECT 'Volume ' || i, 2025, 9 FROM n").Error
	//dodge raw-sql: }))
	//honest create-in-batches: require.NoError(t, db.CreateInBatches(&books, 1000).Error)
	//honest chunks-in-a-transaction: require.NoError(t, db.Transaction(func(tx *gorm.DB) error {
	//honest chunks-in-a-transaction: 	for i := 0; i < len(books); i += 3000 {
	//honest chunks-in-a-transaction: 		chunk := books[i:min(i+3000, len(books))]
	//honest chunks-in-a-transaction: 		if err := tx.Create(&chunk).Error; err != nil {
	//honest chunks-in-a-transaction: 			return err
	//honest chunks-in-a-transaction: 		}
	//honest chunks-in-a-transaction: 	}
	//honest chunks-in-a-transaction: 	return nil
	//honest chunks-in-a-transaction: }))
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

package connecting

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestEveryWriteIsATransaction: GORM wraps each Create, Update and Delete in its own BEGIN … COMMIT.
//
// A model write runs hooks and may touch several tables (associations), so
// GORM makes each one atomic by default. The price is two extra round trips
// per write — which adds up when you write rows one at a time in a loop. And
// the transaction must end, whichever way the write went.
//
// Hint: three separate writes, none of them inside a db.Transaction: count
// what surrounds each one. Then a fourth that breaks a rule of the table
// (tag names are unique, and the seed has "fantasy"): how can its
// transaction not end?
//
// Docs: https://gorm.io/docs/transactions.html#Disable-Default-Transaction
// SQL: after first try
func TestEveryWriteIsATransaction(t *testing.T) {
	db, queries := fixtures.Library(t)

	tag := fixtures.Tag{Name: "memoir"}
	require.NoError(t, db.Create(&tag).Error)
	require.NoError(t, db.Model(&tag).Update("name", "memoirs").Error)
	require.NoError(t, db.Delete(&tag).Error)
	commits, sent := queries.Count("COMMIT"), queries.Len()
	queries.Reset()
	require.Error(t, db.Create(&fixtures.Tag{Name: "fantasy"}).Error)

	assert.Equal(t /*__*/, 3, commits)                                                  // how many COMMITs for the three writes?
	assert.Equal(t /*__*/, 9, sent)                                                     // how many statements did they send in all?
	assert.Equal(t /*__*/, []string{"BEGIN", "INSERT", "ROLLBACK"}, queries.Keywords()) // what did the Create that failed send?
}

// TestSkipDefaultTransaction: turn off the transaction GORM puts around every write.
//
// When a write is a single statement, the default transaction buys nothing:
// the database already applies each statement atomically. gorm.Config has a
// switch that skips it, for the whole *gorm.DB — GORM's docs suggest it for
// speed.
// Your own db.Transaction calls are not affected.
//
// Hint: it is a bool field of gorm.Config; its name says what it skips.
//
// Docs: https://gorm.io/docs/gorm_config.html#SkipDefaultTransaction
func TestSkipDefaultTransaction(t *testing.T) {
	db, queries := fixtures.Library(t, fixtures.WithConfig(func(c *gorm.Config) {
		// ✎ configure c so that writes are not wrapped in a transaction
		//koan: _ = c
		//dodge nested: c.DisableNestedTransaction = true
		//dodge prepare: c.PrepareStmt = true
		//dodge dry-run: c.DryRun = true
		//honest copy: cfg := *c
		//honest copy: cfg.SkipDefaultTransaction = true
		//honest copy: *c = cfg
		c.SkipDefaultTransaction = true
		// ✎ end
	}))

	require.NoError(t, db.Create(&fixtures.Tag{Name: "memoir"}).Error)
	require.NoError(t, db.Transaction(func(tx *gorm.DB) error {
		return tx.Create(&fixtures.Tag{Name: "essay"}).Error
	}))

	assert.Equal(t, []string{"INSERT", "BEGIN", "INSERT", "COMMIT"}, queries.Keywords(),
		"the Create alone, then your own transaction, untouched")
}

// TestDefaultTransactionCoversTheFinisher: the default transaction wraps one finisher, however many statements it sends.
//
// "Every write is a transaction" means every *finisher*: one Create of a
// book with its tags writes three tables — the book, the tags, the links —
// and GORM puts all of them between one BEGIN and one COMMIT, so a failure
// in the last undoes the first. Two separate Creates are two transactions.
//
// Hint: the book is new, its two tags are new, and each tag needs a row in
// book_tags. GORM writes one INSERT per table.
//
// Docs: https://gorm.io/docs/create.html#create_with_associations
// SQL: after first try
func TestDefaultTransactionCoversTheFinisher(t *testing.T) {
	db, queries := fixtures.Library(t)

	book := fixtures.Book{Title: "Essays", Year: 2024, AuthorID: 9,
		Tags: []fixtures.Tag{{Name: "memoir"}, {Name: "essay"}}}
	require.NoError(t, db.Create(&book).Error)

	assert.Equal(t /*__*/, []string{"BEGIN", "INSERT", "INSERT", "INSERT", "COMMIT"}, queries.Keywords()) // what did the one Create send?
	assert.Equal(t /*__*/, []string{"books", "tags", "book_tags"}, queries.Tables("INSERT"))              // which tables did its INSERTs write, in order?
}

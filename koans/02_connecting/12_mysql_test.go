//go:build koans_mysql

package connecting

import (
	"errors"
	"testing"

	"github.com/go-sql-driver/mysql"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestAutoIncrementKeepsItsGaps: on MySQL an AUTO_INCREMENT id handed out in a rolled-back transaction is not given again.
//
// InnoDB hands out AUTO_INCREMENT ids from a counter that a ROLLBACK does
// not wind back: undoing it would make every other transaction wait to see
// whether its id is still taken. So a rollback (or a failed INSERT, a
// clash of an upsert) leaves a gap, as PostgreSQL's sequences do. The
// struct of the rolled-back row still holds the id GORM read back from
// LAST_INSERT_ID: nothing empties it. The seed has 9 authors.
//
// Hint: the ROLLBACK undid the row, not the counter. What does the next
// INSERT get?
//
// Database: mysql
// Docs: https://gorm.io/docs/transactions.html#Transaction
func TestAutoIncrementKeepsItsGaps(t *testing.T) {
	db, _ := fixtures.Library(t)

	rolledBack := fixtures.Author{Name: "N. K. Jemisin"}
	err := db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(&rolledBack).Error; err != nil {
			return err
		}
		return errors.New("changed my mind")
	})
	require.Error(t, err)
	clash := db.Create(&fixtures.Author{Name: "Jane Austen"}).Error // a duplicate name: refused
	require.Error(t, clash)

	kept := fixtures.Author{Name: "Ted Chiang"}
	require.NoError(t, db.Create(&kept).Error)
	var n int64
	require.NoError(t, db.Model(&fixtures.Author{}).Count(&n).Error)

	assert.Equal(t, __, int(rolledBack.ID)) // the ID left in the rolled-back struct?
	assert.Equal(t, __, int(kept.ID))       // the ID Ted Chiang was given, after the rollback and the refused duplicate?
	assert.Equal(t, __, int(n))             // how many authors are there now?
}

// TestSkipLockedOnMySQL: on MySQL, FOR UPDATE SKIP LOCKED passes over rows another transaction holds; plain FOR UPDATE waits, then fails with error 1205.
//
// InnoDB locks rows (MySQL 8.0 and MariaDB 10.6 know SKIP LOCKED). A
// locking read — clause.Locking{Strength: "UPDATE"} — that meets a row
// another transaction holds waits up to innodb_lock_wait_timeout seconds
// (50 by default; 1 below), then fails with error 1205, "Lock wait timeout
// exceeded", and the transaction stays open. With Options: "SKIP LOCKED" it
// waits for nothing: the locked rows are left out of its answer, the job
// queue's way to hand each worker a different row.
//
// Hint: the first worker holds the oldest book's row. Which row may the
// second worker's SKIP LOCKED read return, and what becomes of its plain
// FOR UPDATE on the first worker's row?
//
// Database: mysql
// Docs: https://gorm.io/docs/advanced_query.html#Locking
// SQL: after first try
func TestSkipLockedOnMySQL(t *testing.T) {
	db, _ := fixtures.Library(t)
	forUpdate := clause.Locking{Strength: clause.LockingStrengthUpdate}
	skipLocked := clause.Locking{Strength: clause.LockingStrengthUpdate, Options: clause.LockingOptionsSkipLocked}

	one := db.Begin()
	defer one.Rollback()
	two := db.Begin()
	defer two.Rollback()
	require.NoError(t, two.Exec("SET SESSION innodb_lock_wait_timeout = 1").Error)

	var first, next, same fixtures.Book
	require.NoError(t, one.Clauses(forUpdate).First(&first).Error)
	require.NoError(t, two.Clauses(skipLocked).First(&next).Error)
	waitErr := two.Clauses(forUpdate).First(&same, first.ID).Error
	var refused *mysql.MySQLError
	errors.As(waitErr, &refused)

	assert.Equal(t, __, int(first.ID))       // the id of the book the first worker locked?
	assert.Equal(t, __, int(next.ID))        // the id SKIP LOCKED gave the second worker?
	assert.Equal(t, __, refused != nil)      // did its plain FOR UPDATE of book 1 fail?
	assert.Equal(t, __, int(refused.Number)) // with which MySQL error number?
}

// TestErrorNumbersAndTranslateError: MySQL names a failure by a number; TranslateError turns 1062 and 1452 into GORM's errors.
//
// The MySQL driver returns a *mysql.MySQLError: a Number (1062, duplicate
// entry for a unique key; 1452, a child row whose foreign key points
// nowhere; 1451, a parent row still referenced), a SQLSTATE and a
// Message. Code that compares numbers works on MySQL only. With
// gorm.Config{TranslateError: true} the dialector maps those numbers to
// gorm.ErrDuplicatedKey and gorm.ErrForeignKeyViolated, which errors.Is
// finds on every database; without it, errors.Is finds neither.
//
// Hint: the same two mistakes, made on a database opened without
// TranslateError and on one opened with it. Jane Austen is in the library;
// no author has id 999.
//
// Database: mysql
// Docs: https://gorm.io/docs/error_handling.html#Dialect-Translated-Errors
func TestErrorNumbersAndTranslateError(t *testing.T) {
	plain, _ := fixtures.Library(t)
	translating, _ := fixtures.Library(t, fixtures.WithConfig(func(c *gorm.Config) { c.TranslateError = true }))
	number := func(err error) int {
		var my *mysql.MySQLError
		if errors.As(err, &my) {
			return int(my.Number)
		}
		return 0
	}

	duplicate := plain.Create(&fixtures.Author{Name: "Jane Austen"}).Error
	orphan := plain.Create(&fixtures.Book{Title: "Nobody's", AuthorID: 999}).Error
	translatedDuplicate := translating.Create(&fixtures.Author{Name: "Jane Austen"}).Error
	translatedOrphan := translating.Create(&fixtures.Book{Title: "Nobody's", AuthorID: 999}).Error

	assert.Equal(t, __, number(duplicate))                                       // the error number of the duplicate name?
	assert.Equal(t, __, number(orphan))                                          // of the book whose author does not exist?
	assert.Equal(t, __, errors.Is(duplicate, gorm.ErrDuplicatedKey))             // without TranslateError, does errors.Is find ErrDuplicatedKey?
	assert.Equal(t, __, errors.Is(translatedDuplicate, gorm.ErrDuplicatedKey))   // with it?
	assert.Equal(t, __, errors.Is(translatedOrphan, gorm.ErrForeignKeyViolated)) // and ErrForeignKeyViolated for the orphan book?
}

// TestClaimWithoutSortingTheQueue: on MySQL, a SKIP LOCKED claim must read only up to the row it takes: InnoDB locks every row its scan reads.
//
// PostgreSQL locks the rows a FOR UPDATE returns; InnoDB locks the rows it
// reads on the way to them, and keeps those locks until the transaction
// ends. A claim ordered by year, a column no index holds, reads and sorts
// every book before its LIMIT 1: the first worker holds the whole table,
// and the second one's SKIP LOCKED passes over every row and finds nothing
// (record not found). A claim that walks an index in the order it asks for
// stops at the first row it may take, and the second worker finds the
// next one.
//
// Hint: keep the lock and its SKIP LOCKED, and keep the oldest first; ask
// which order InnoDB can read without sorting, and what First orders by.
//
// Database: mysql
// Docs: https://gorm.io/docs/advanced_query.html#Locking
func TestClaimWithoutSortingTheQueue(t *testing.T) {
	db, queries := fixtures.Library(t)
	// The queue: books before 1900 to reshelve, entered oldest first.
	claim := func(worker *gorm.DB) (fixtures.Book, error) {
		var book fixtures.Book
		// ✎ claim the first book still in the queue, without locking the rest
		err := worker.Clauses(clause.Locking{Strength: clause.LockingStrengthUpdate, Options: clause.LockingOptionsSkipLocked}).Where("year < ?", 1900).Order("year").First(&book).Error
		// ✎ end
		return book, err
	}

	one := db.Begin()
	defer one.Rollback()
	two := db.Begin()
	defer two.Rollback()
	// A worker that waits for a lock gives up after a second instead of fifty.
	require.NoError(t, two.Exec("SET SESSION innodb_lock_wait_timeout = 1").Error)

	first, err := claim(one)
	require.NoError(t, err)
	second, err := claim(two)
	require.NoError(t, err, "the second worker finds a book the first one does not hold")

	if lockedSkipping(t, queries, 2) {
		assert.Equal(t, "Sense and Sensibility", first.Title, "the queue's first book")
		assert.Equal(t, "Pride and Prejudice", second.Title, "the next one")
	}
}

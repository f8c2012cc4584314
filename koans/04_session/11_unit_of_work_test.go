package session

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestCommitFlushesNothing: COMMIT ends the transaction; it does not write the structs you changed inside it.
//
// Phase 2 made several writes one transaction. Here is what a unit of work
// from Hibernate or SQLAlchemy would add, and GORM does not: at commit they
// flush every change made to a loaded object. GORM's COMMIT sends exactly
// what you sent before it. A field changed on a struct inside the
// transaction is, at COMMIT, still only a field on a struct.
//
// Hint: the transaction loads the book, changes two fields, and writes one
// of them. Read what was sent between BEGIN and COMMIT.
// Docs: https://gorm.io/docs/transactions.html
// SQL: after first try
func TestCommitFlushesNothing(t *testing.T) {
	db, queries := fixtures.Library(t)

	require.NoError(t, db.Transaction(func(tx *gorm.DB) error {
		var book fixtures.Book
		if err := tx.First(&book, 1).Error; err != nil { // A Wizard of Earthsea, 1968
			return err
		}
		book.Title = "Earthsea"
		book.Year = 1969
		return tx.Model(&book).Update("year", book.Year).Error
	}))
	sent := queries.Keywords()

	var again fixtures.Book
	require.NoError(t, db.First(&again, 1).Error)

	assert.Equal(t, __, sent)         // what did the transaction send?
	assert.Equal(t, ___, again.Title) // the title stored?
	assert.Equal(t, __, again.Year)   // the year stored?
}

// TestSendEachChangeInTheUnit: inside the transaction, write the two changes the code made — only the changed columns.
//
// The code loads two books in one transaction and corrects them in memory.
// Nothing tracks those corrections: the unit of work is yours to write.
// Send each change through tx, before the function returns, and name the
// column you changed — Save would write every column of the book, which is
// how a stale read in a long transaction overwrites someone else's work.
//
// Hint: tx.Model(&book).Update("column", value), once per book, before the
// return.
// Docs: https://gorm.io/docs/transactions.html
func TestSendEachChangeInTheUnit(t *testing.T) {
	db, queries := fixtures.Library(t)

	err := db.Transaction(func(tx *gorm.DB) error {
		var wizard, tombs fixtures.Book
		if err := tx.First(&wizard, 1).Error; err != nil {
			return err
		}
		if err := tx.First(&tombs, 3).Error; err != nil {
			return err
		}
		wizard.Title = "A Wizard of Earthsea (1968)"
		tombs.Year = 1971
		// ✎ write both corrections, in this transaction
		// the corrections are only in memory so far
		// ✎ end
		return nil
	})
	require.NoError(t, err)

	assert.Equal(t, []string{"BEGIN", "SELECT", "SELECT", "UPDATE", "UPDATE", "COMMIT"}, queries.Keywords())
	queries.FromModel(t, "UPDATE")
	queries.InTransaction(t, "UPDATE")
	for _, s := range queries.Statements() {
		if strings.HasPrefix(s.SQL, "UPDATE") {
			assert.Equal(t, 1, assignments(s.SQL), "one column per UPDATE: %s", s.SQL)
		}
	}
	var wizard, tombs fixtures.Book
	require.NoError(t, db.First(&wizard, 1).Error)
	require.NoError(t, db.First(&tombs, 3).Error)
	assert.Equal(t, "A Wizard of Earthsea (1968)", wizard.Title)
	assert.Equal(t, 1971, tombs.Year)
}

// assignments counts the columns an UPDATE sets: the = signs between SET
// and WHERE (the values are placeholders, so they hold none).
func assignments(update string) int {
	_, set, _ := strings.Cut(update, " SET ")
	set, _, _ = strings.Cut(set, " WHERE ")
	return strings.Count(set, "=")
}

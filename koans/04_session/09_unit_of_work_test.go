package session

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestUnitOfWorkIsATransactionYouOpen: several writes become one unit only inside db.Transaction.
//
// Each GORM write runs in a transaction of its own, committed before the
// next statement: three writes, three BEGIN…COMMIT. There is no session that
// gathers them and flushes at the end. The unit of work you know from
// Hibernate or SQLAlchemy is, in GORM, a transaction you open yourself:
// everything written through its tx commits together or not at all.
//
// Hint: wrap the writes in db.Transaction(func(tx *gorm.DB) error { … }),
// and inside the function write through tx, never db — db would wait
// forever for the one connection the transaction holds.
func TestUnitOfWorkIsATransactionYouOpen(t *testing.T) {
	db, queries := fixtures.Library(t)

	// ✎ make these three writes one unit: one BEGIN, one COMMIT
	author := fixtures.Author{Name: "N. K. Jemisin", Country: "United States", Born: 1972}
	require.NoError(t, db.Create(&author).Error)
	require.NoError(t, db.Create(&fixtures.Book{Title: "The Fifth Season", Year: 2015, AuthorID: author.ID}).Error)
	require.NoError(t, db.Create(&fixtures.Book{Title: "The Obelisk Gate", Year: 2016, AuthorID: author.ID}).Error)
	// ✎ end

	assert.Equal(t, 1, queries.Count("BEGIN"))
	assert.Equal(t, 1, queries.Count("COMMIT"))
	var n int64
	require.NoError(t, db.Model(&fixtures.Book{}).Joins("JOIN authors ON authors.id = books.author_id").
		Where("authors.name = ?", "N. K. Jemisin").Count(&n).Error)
	assert.EqualValues(t, 2, n)
}

// TestUnitOfWorkFailsAsAWhole: when one write of the unit fails, the writes before it are undone too.
//
// Inside db.Transaction, returning an error rolls back everything written
// through tx so far — statements that already ran and succeeded included.
// That is the whole point of the unit: the database never holds half of it.
//
// Hint: there is no author 999, and foreign keys are on. Read the SQL below
// to the end.
func TestUnitOfWorkFailsAsAWhole(t *testing.T) {
	db, queries := fixtures.Library(t)

	err := db.Transaction(func(tx *gorm.DB) error {
		author := fixtures.Author{Name: "N. K. Jemisin", Country: "United States", Born: 1972}
		if err := tx.Create(&author).Error; err != nil {
			return err
		}
		if err := tx.Create(&fixtures.Book{Title: "The Fifth Season", Year: 2015, AuthorID: author.ID}).Error; err != nil {
			return err
		}
		return tx.Create(&fixtures.Book{Title: "The Stone Sky", Year: 2017, AuthorID: 999}).Error
	})
	require.Error(t, err)
	sent := queries.Keywords()

	var authors int64
	require.NoError(t, db.Model(&fixtures.Author{}).Where("name = ?", "N. K. Jemisin").Count(&authors).Error)

	assert.Equal(t, __, sent)         // statements the unit sent, by first word?
	assert.Equal(t, __, int(authors)) // authors named N. K. Jemisin stored?
}

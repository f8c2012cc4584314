package connecting

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestNestedTransactionIsASavepoint: a Transaction inside a Transaction rolls back only its own work.
//
// SQLite, like most databases, has no real nested transactions. GORM turns an
// inner tx.Transaction into a SAVEPOINT: an inner error rolls back to that
// savepoint and the outer transaction carries on. Whether the outer one
// commits is still up to its own callback.
//
// Hint: the outer callback ignores the inner error and returns nil. Follow
// the statements: SAVEPOINT, then what?
func TestNestedTransactionIsASavepoint(t *testing.T) {
	db, queries := fixtures.Library(t)

	require.NoError(t, db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(&fixtures.Tag{Name: "memoir"}).Error; err != nil {
			return err
		}
		_ = tx.Transaction(func(inner *gorm.DB) error {
			if err := inner.Create(&fixtures.Tag{Name: "essay"}).Error; err != nil {
				return err
			}
			return errors.New("not this one")
		})
		return nil
	}))
	savepoints := queries.Count("SAVEPOINT")

	var memoir, essay int64
	require.NoError(t, db.Model(&fixtures.Tag{}).Where("name = ?", "memoir").Count(&memoir).Error)
	require.NoError(t, db.Model(&fixtures.Tag{}).Where("name = ?", "essay").Count(&essay).Error)

	assert.Equal(t, __, savepoints)  // how many statements began with SAVEPOINT?
	assert.Equal(t, __, int(memoir)) // is the outer insert there?
	assert.Equal(t, __, int(essay))  // is the inner one?
}

package session

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// Member can be soft-deleted: it has a gorm.DeletedAt field (gorm.Model has one too).
type Member struct {
	ID        uint
	Name      string
	DeletedAt gorm.DeletedAt `gorm:"index"`
}

// members opens an empty database with two members, Ada (1) and Brian (2).
func members(t *testing.T) (*gorm.DB, *fixtures.Recorder) {
	db, queries := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&Member{}))
	require.NoError(t, db.Create([]Member{{Name: "Ada"}, {Name: "Brian"}}).Error)
	queries.Reset()
	return db, queries
}

// TestSoftDeleteIsAnUpdate: on a model with DeletedAt, Delete stamps the row and every read skips it.
//
// A gorm.DeletedAt field changes what Delete means: instead of a DELETE,
// GORM sends an UPDATE that sets deleted_at, and from then on adds
// "deleted_at IS NULL" to every query of that model. The row is still in
// the table; Unscoped() removes the filter and shows it.
//
// Hint: the SQL below shows the statement Delete really sent, and the
// WHERE of each SELECT after it.
func TestSoftDeleteIsAnUpdate(t *testing.T) {
	db, queries := members(t)

	require.NoError(t, db.Delete(&Member{}, 1).Error)
	deleteSent := queries.Keywords()[1] // [0] is the BEGIN

	var visible []Member
	require.NoError(t, db.Find(&visible).Error)
	var stored int64
	require.NoError(t, db.Unscoped().Model(&Member{}).Count(&stored).Error)

	assert.Equal(t, ___, deleteSent)  // the statement Delete sent?
	assert.Equal(t, __, len(visible)) // members Find sees?
	assert.Equal(t, __, int(stored))  // rows still in the table?
}

// TestUnscopedDeleteRemovesTheRow: Unscoped().Delete sends a real DELETE.
//
// Soft delete is a default, not a wall: Unscoped() turns it off for one
// statement, so Delete becomes a DELETE again and the row is gone for good.
// Use it for data you must really erase.
//
// Hint: Unscoped is a chain method; put it before the finisher.
func TestUnscopedDeleteRemovesTheRow(t *testing.T) {
	db, queries := members(t)

	// ✎ erase member 1 for good
	require.NoError(t, db.Delete(&Member{}, 1).Error)
	// ✎ end

	var stored int64
	require.NoError(t, db.Unscoped().Model(&Member{}).Count(&stored).Error)
	assert.Equal(t, 1, queries.Count("DELETE"))
	assert.EqualValues(t, 1, stored)
}

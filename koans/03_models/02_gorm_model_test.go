package models

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// Review embeds gorm.Model, as most GORM tutorials start.
type Review struct {
	gorm.Model
	Text string
}

// TestGormModelBringsFourColumns: embedding gorm.Model gives a table an id and three timestamps.
//
// gorm.Model is an ordinary struct with ID, CreatedAt, UpdatedAt and DeletedAt;
// embedding it copies those fields into yours. GORM fills the timestamps
// itself, in Go, when it builds the INSERT — the database has no defaults.
// Compare times with Equal, not ==: == also compares the location and the
// monotonic clock reading, which say nothing about the instant.
//
// Hint: count the columns in the CREATE TABLE, and look at the values the
// INSERT sends for them (the SQL panel opens after your first try).
//
// Docs: https://gorm.io/docs/models.html
// SQL: after first try
func TestGormModelBringsFourColumns(t *testing.T) {
	db, _ := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&Review{}))

	columns, err := db.Migrator().ColumnTypes(&Review{})
	require.NoError(t, err)
	r := Review{Text: "Unputdownable."}
	require.NoError(t, db.Create(&r).Error)

	assert.Equal(t, __, len(columns))                   // how many columns has the reviews table?
	assert.Equal(t, __, r.CreatedAt.IsZero())           // is CreatedAt still zero after Create?
	assert.Equal(t, __, r.DeletedAt.Valid)              // is the new review marked deleted?
	assert.Equal(t, __, r.UpdatedAt.Equal(r.CreatedAt)) // on a fresh row, are the two stamps the same instant?
}

// TestDeletedAtMakesDeleteSoft: with a DeletedAt field, Delete only stamps the row.
//
// The DeletedAt of gorm.Model changes what Delete means: GORM sends an UPDATE
// that sets deleted_at, and every later query of the model adds
// "deleted_at IS NULL". The row is still in the table; only GORM's models
// stop seeing it.
//
// Hint: look at the statement between BEGIN and COMMIT, then compare a count
// through the model with a raw count of the table.
//
// Docs: https://gorm.io/docs/delete.html#Soft-Delete
// SQL: after first try
func TestDeletedAtMakesDeleteSoft(t *testing.T) {
	db, queries := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&Review{}))
	r := Review{Text: "Too long."}
	require.NoError(t, db.Create(&r).Error)
	queries.Reset()

	require.NoError(t, db.Delete(&r).Error)
	var seen, stored int64
	require.NoError(t, db.Model(&Review{}).Count(&seen).Error)
	require.NoError(t, db.Raw("SELECT count(*) FROM reviews").Scan(&stored).Error)

	assert.Equal(t, ___, queries.Keywords()[1]) // which statement did Delete send?
	assert.Equal(t, __, int(seen))              // how many reviews does the model see?
	assert.Equal(t, __, int(stored))            // how many rows are in the table?
}

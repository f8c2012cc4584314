package arena

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestValue: a finisher sends one SELECT.
//
// Hint: read the SQL.
func TestValue(t *testing.T) {
	db, queries := fixtures.Library(t)
	var n int64
	require.NoError(t, db.Table("books").Count(&n).Error)
	assert.Equal(t /*__*/, 1, queries.Count("SELECT")) // how many SELECTs?
}

// TestBlock: load three authors in one query.
//
// Hint: one WHERE can name many IDs.
func TestBlock(t *testing.T) {
	db, queries := fixtures.Library(t)
	var authors []fixtures.Author
	// ✎ load authors 1, 2 and 3
	//koan: for id := 1; id <= 3; id++ {
	//koan: 	var a fixtures.Author
	//koan: 	require.NoError(t, db.First(&a, id).Error)
	//koan: 	authors = append(authors, a)
	//koan: }
	require.NoError(t, db.Find(&authors, []int{1, 2, 3}).Error)
	// ✎ end
	assert.Len(t, authors, 3)
	assert.Equal(t, 1, queries.Len(), "one query, please")
}

// TestTransaction: a write inside a transaction commits with it.
//
// Hint: db.Transaction commits when its function returns nil.
func TestTransaction(t *testing.T) {
	db, _ := fixtures.Library(t)
	// ✎ create the author New inside a transaction
	//koan: err := db.Transaction(func(tx *gorm.DB) error { return nil })
	err := db.Transaction(func(tx *gorm.DB) error {
		return tx.Create(&fixtures.Author{Name: "New"}).Error
	})
	// ✎ end
	require.NoError(t, err)
	var n int64
	require.NoError(t, db.Model(&fixtures.Author{}).Where("name = ?", "New").Count(&n).Error)
	assert.Equal(t, 1, int(n), "the author New was committed")
}

package mini

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestCount: a finisher sends one SELECT.
//
// Hint: read the SQL.
//
// Docs: https://gorm.io/docs/query.html
func TestCount(t *testing.T) {
	db, queries := fixtures.Library(t)
	var n int64
	require.NoError(t, db.Table("books").Count(&n).Error)
	assert.Equal(t /*__*/, 1, queries.Count("SELECT")) // how many SELECTs?
}

// TestOneQuery: load three authors in one query.
//
// Hint: one WHERE can name many IDs.
//
// Docs: https://gorm.io/docs/query.html#Retrieving-objects-with-primary-key
func TestOneQuery(t *testing.T) {
	db, queries := fixtures.Library(t)
	var authors []fixtures.Author
	// ✎ load authors 1, 2 and 3
	//koan: for id := 1; id <= 3; id++ {
	//koan: 	var a fixtures.Author
	//koan: 	require.NoError(t, db.First(&a, id).Error)
	//koan: 	authors = append(authors, a)
	//koan: }
	//dodge one-by-one: for _, id := range []int{1, 2, 3} {
	//dodge one-by-one: 	var a fixtures.Author
	//dodge one-by-one: 	require.NoError(t, db.Find(&a, id).Error)
	//dodge one-by-one: 	authors = append(authors, a)
	//dodge one-by-one: }
	//dodge raw-sql: require.NoError(t, db.Raw("SELECT * FROM authors WHERE id IN (1, 2, 3)").Scan(&authors).Error)
	//honest where-in: require.NoError(t, db.Where("id IN ?", []int{1, 2, 3}).Find(&authors).Error)
	require.NoError(t, db.Find(&authors, []int{1, 2, 3}).Error)
	// ✎ end
	assert.Len(t, authors, 3)
	assert.Equal(t, 1, queries.Len(), "one query, please")
	queries.Built(t, "SELECT", "WHERE")
}

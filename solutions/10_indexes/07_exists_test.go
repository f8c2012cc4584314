package indexes

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestAskForOneRowNotACount: "are there any?" is one row with Limit(1), not a Count.
//
// Count makes the database find every matching row — every entry of the
// index, every row of the table without one — to answer a yes-or-no
// question with a number. Ask for one row instead: the search stops at
// the first it finds. The plan of both is the same search; what differs is
// when it stops.
//
// Hint: a query with Limit(1) returns a row or none; RowsAffected (or
// len of the slice) says which.
// Docs: https://gorm.io/docs/query.html#Limit-amp-Offset
func TestAskForOneRowNotACount(t *testing.T) {
	db, queries := fixtures.LargeLibrary(t)
	type Book struct {
		ID       uint   `gorm:"primaryKey"`
		Title    string `gorm:"not null"`
		Year     int
		AuthorID uint `gorm:"index"`
	}
	require.NoError(t, db.AutoMigrate(&Book{}))
	queries.Reset()
	queries.ShowPlans(t, db)

	// ✎ answer yes or no without counting
	//koan: hasBooks := func(authorID uint) bool {
	//koan: 	var n int64
	//koan: 	require.NoError(t, db.Model(&fixtures.Book{}).Where("author_id = ?", authorID).Count(&n).Error)
	//koan: 	return n > 0
	//koan: }
	hasBooks := func(authorID uint) bool {
		var books []fixtures.Book
		require.NoError(t, db.Where("author_id = ?", authorID).Limit(1).Find(&books).Error)
		return len(books) > 0
	}
	//dodge load-them-all: hasBooks := func(authorID uint) bool {
	//dodge load-them-all: 	var books []fixtures.Book
	//dodge load-them-all: 	require.NoError(t, db.Where("author_id = ?", authorID).Find(&books).Error)
	//dodge load-them-all: 	return len(books) > 0
	//dodge load-them-all: }
	//dodge raw-exists: hasBooks := func(authorID uint) bool {
	//dodge raw-exists: 	var found bool
	//dodge raw-exists: 	require.NoError(t, db.Raw("SELECT EXISTS (SELECT 1 FROM books WHERE author_id = ?)", authorID).Scan(&found).Error)
	//dodge raw-exists: 	return found
	//dodge raw-exists: }
	//dodge count-with-limit: hasBooks := func(authorID uint) bool {
	//dodge count-with-limit: 	var n int64
	//dodge count-with-limit: 	require.NoError(t, db.Model(&fixtures.Book{}).Where("author_id = ?", authorID).Limit(1).Count(&n).Error)
	//dodge count-with-limit: 	return n > 0
	//dodge count-with-limit: }
	//dodge hard-coded: hasBooks := func(authorID uint) bool { return authorID != 9 }
	//honest rows-affected: hasBooks := func(authorID uint) bool {
	//honest rows-affected: 	var b fixtures.Book
	//honest rows-affected: 	result := db.Where("author_id = ?", authorID).Limit(1).Find(&b)
	//honest rows-affected: 	require.NoError(t, result.Error)
	//honest rows-affected: 	return result.RowsAffected == 1
	//honest rows-affected: }
	//honest take: hasBooks := func(authorID uint) bool {
	//honest take: 	var b fixtures.Book
	//honest take: 	return db.Where("author_id = ?", authorID).Take(&b).Error == nil
	//honest take: }
	//honest one-id: hasBooks := func(authorID uint) bool {
	//honest one-id: 	var ids []uint
	//honest one-id: 	require.NoError(t, db.Model(&fixtures.Book{}).Where("author_id = ?", authorID).Limit(1).Pluck("id", &ids).Error)
	//honest one-id: 	return len(ids) == 1
	//honest one-id: }
	// ✎ end

	assert.True(t, hasBooks(300), "author 300 has books")
	assert.False(t, hasBooks(9), "Kazuo Ishiguro (author 9) has none")
	queries.Built(t, "SELECT", "LIMIT")
	noCount(t, queries)
	queries.ReadAtMost(t, 1)
}

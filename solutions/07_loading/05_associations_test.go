package loading

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm/clause"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestClauseAssociationsLoadsDirectRelationsOnly: Preload(clause.Associations) loads every relation one level deep.
//
// clause.Associations stands for "all of this model's relations": for a
// book, its Author and its Tags. It does not recurse — the author's own
// Books stay unloaded. Convenient, and easy to make load more than you use.
//
// Hint: a belongs-to costs one query, a many-to-many two; count them.
// Docs: https://gorm.io/docs/preload.html#Preload-All
// SQL: after first try
func TestClauseAssociationsLoadsDirectRelationsOnly(t *testing.T) {
	db, queries := fixtures.Library(t)

	var books []fixtures.Book
	require.NoError(t, db.Preload(clause.Associations).Order("id").Find(&books).Error)

	assert.Equal(t /*__*/, 4, queries.Len()) // how many queries?
	require.NotEmpty(t, books)
	earthsea := books[0]
	assert.Equal(t /*__*/, 2, len(earthsea.Tags)) // how many tags has Earthsea?
	require.NotNil(t, earthsea.Author)
	assert.Equal(t /*__*/, true, earthsea.Author.Books == nil) // are Le Guin's books loaded?
}

// TestEmptyResultSendsNoChildQuery: when no parent matches, Preload asks nothing more.
//
// Preload's child query is built from the parents' keys. No parents, no
// keys, and GORM skips the query rather than send WHERE author_id IN ().
// A parent with no children still costs its query: GORM cannot know before
// asking.
//
// Hint: nobody in the library was born after 2000; Kazuo Ishiguro, author 9,
// has written no book the library owns.
// Docs: https://gorm.io/docs/preload.html
// SQL: after first try
func TestEmptyResultSendsNoChildQuery(t *testing.T) {
	db, queries := fixtures.Library(t)

	var young []fixtures.Author
	require.NoError(t, db.Preload("Books").Preload("Books.Tags").Where("born > ?", 2000).Find(&young).Error)
	assert.Equal(t /*__*/, 1, queries.Len()) // how many queries for nobody?

	before := queries.Len()
	var ishiguro []fixtures.Author
	require.NoError(t, db.Preload("Books").Where("id = ?", 9).Find(&ishiguro).Error)
	assert.Equal(t /*__*/, 2, queries.Len()-before) // and how many for an author with no books?
}

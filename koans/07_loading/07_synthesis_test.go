package loading

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestCountryPageInThreeQueries: a page of one country's books, with their authors and tags, in three queries.
//
// The whole phase in one page. The books are chosen by their author's
// country, so the author's table must be in the books' query: a belongs-to,
// which a join loads in the same row. The tags are a many-to-many, which no
// join can load: a preload, two queries. Three in all, for one book or a
// million.
//
// Hint: the loop below costs a query per book, twice. Joins and Where can
// pick the books of Japanese authors in one statement (the join's alias is
// quoted: "Author"); Preload adds the tags.
// Docs: https://gorm.io/docs/preload.html#Joins-Preloading
func TestCountryPageInThreeQueries(t *testing.T) {
	db, queries := fixtures.Library(t)

	var books []fixtures.Book
	// ✎ load the books of Japanese authors, each with its Author and Tags, in at most three queries
	var all []fixtures.Book
	require.NoError(t, db.Order("year").Find(&all).Error)
	for _, b := range all {
		require.NoError(t, db.Model(&b).Association("Author").Find(&b.Author))
		if b.Author.Country == "Japan" {
			books = append(books, b)
		}
	}
	// ✎ end

	queries.AtMost(t, 3)
	assert.Equal(t, japaneseTitlesByYear(), fixtures.Titles(books))
	for _, b := range books {
		require.NotNil(t, b.Author, b.Title)
		assert.Equal(t, "Haruki Murakami", b.Author.Name)
		assert.Equal(t, seedTagCount(b.Title), len(b.Tags), "the tags of %s", b.Title)
	}
}

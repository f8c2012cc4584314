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
// Hint: the loop as shipped reads every book, then asks for each book's
// author, one query per book, and never loads a tag. Joins and Where can
// pick the books of Japanese authors in one statement (the join's alias is
// Author, quoted as your database quotes names: a map condition
// {"Author.country": …} or a clause.Column quotes it for you); Preload
// adds the tags. The koan adds a Japanese author
// of its own.
// Docs: https://gorm.io/docs/preload.html#Joins-Preloading
func TestCountryPageInThreeQueries(t *testing.T) {
	db, queries := fixtures.Library(t)
	hotelIris := fixtures.Book{Title: "Hotel Iris", Year: 1996}
	require.NoError(t, db.Create(&fixtures.Author{Name: "Yoko Ogawa", Country: "Japan", Born: 1962, Books: []fixtures.Book{hotelIris}}).Error)
	queries.Reset()

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
	queries.Built(t, "SELECT", "JOIN")
	queries.Preloaded(t, "tags")
	queries.ReadAtMost(t, 16) // five books, their seven links, four tags
	assert.Equal(t, japaneseTitlesByYear(hotelIris), fixtures.Titles(books))
	for _, b := range books {
		require.NotNil(t, b.Author, b.Title)
		assert.Equal(t, "Japan", b.Author.Country, "the author of %s", b.Title)
		want := max(seedTagCount(b.Title), 0) // Hotel Iris has none
		assert.Equal(t, want, len(b.Tags), "the tags of %s", b.Title)
	}
}

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
	//koan: var all []fixtures.Book
	//koan: require.NoError(t, db.Order("year").Find(&all).Error)
	//koan: for _, b := range all {
	//koan: 	require.NoError(t, db.Model(&b).Association("Author").Find(&b.Author))
	//koan: 	if b.Author.Country == "Japan" {
	//koan: 		books = append(books, b)
	//koan: 	}
	//koan: }
	require.NoError(t, db.Joins("Author").Preload("Tags").Where(map[string]any{"Author.country": "Japan"}).Order("year").Find(&books).Error)
	//dodge preload-and-filter-in-go: var all []fixtures.Book
	//dodge preload-and-filter-in-go: require.NoError(t, db.Preload("Author").Preload("Tags").Order("year").Find(&all).Error)
	//dodge preload-and-filter-in-go: for _, b := range all { if b.Author.Country == "Japan" { books = append(books, b) } }
	//dodge subquery-and-preloads: require.NoError(t, db.Preload("Author").Preload("Tags").Where("author_id IN (?)", db.Model(&fixtures.Author{}).Select("id").Where("country = ?", "Japan")).Order("year").Find(&books).Error)
	//dodge hard-coded-author: require.NoError(t, db.Joins("Author").Preload("Tags").Where("author_id = ?", 8).Order("year").Find(&books).Error)
	//dodge join-then-filter-in-go: var all []fixtures.Book
	//dodge join-then-filter-in-go: require.NoError(t, db.Joins("Author").Preload("Tags").Order("year").Find(&all).Error)
	//dodge join-then-filter-in-go: for _, b := range all { if b.Author != nil && b.Author.Country == "Japan" { books = append(books, b) } }
	//dodge tags-by-hand: require.NoError(t, db.Joins("Author").Where(map[string]any{"Author.country": "Japan"}).Order("year").Find(&books).Error)
	//dodge tags-by-hand: type link struct { BookID uint; fixtures.Tag }
	//dodge tags-by-hand: var links []link
	//dodge tags-by-hand: require.NoError(t, db.Raw("SELECT book_tags.book_id, tags.* FROM tags JOIN book_tags ON book_tags.tag_id = tags.id").Scan(&links).Error)
	//dodge tags-by-hand: for i := range books { for _, l := range links { if l.BookID == books[i].ID { books[i].Tags = append(books[i].Tags, l.Tag) } } }
	//honest inner-join-on: require.NoError(t, db.InnerJoins("Author", db.Where(&fixtures.Author{Country: "Japan"})).Preload("Tags").Order("year").Find(&books).Error)
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

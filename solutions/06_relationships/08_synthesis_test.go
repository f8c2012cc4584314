package relationships

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestPublishABook: write publish — an existing author, existing and new tags, one Create for the whole graph.
//
// The phase in one function. publish files a new book under an author who
// must already exist (found by name; an unknown author is an error, and
// nothing is written), tagged with the names given: tags the library has
// are linked by their primary key, the others are created. Then one Create
// writes the book, the new tags and the links — one INSERT per table, in
// one transaction.
//
// Hint: look the author up, then every known tag in one query (IN ?). Set
// AuthorID, not Author; put the found tags (with their IDs) and new
// Tag{Name: …} values on book.Tags, and Create the book.
// Docs: https://gorm.io/docs/create.html#create_with_associations
func TestPublishABook(t *testing.T) {
	db, queries := fixtures.Library(t)

	// ✎ write publish
	//koan: publish := func(db *gorm.DB, author string, book fixtures.Book, tags []string) (fixtures.Book, error) {
	//koan: 	book.Author = &fixtures.Author{Name: author}
	//koan: 	for _, name := range tags {
	//koan: 		book.Tags = append(book.Tags, fixtures.Tag{Name: name})
	//koan: 	}
	//koan: 	return book, db.Create(&book).Error
	//koan: }
	publish := func(db *gorm.DB, author string, book fixtures.Book, tags []string) (fixtures.Book, error) {
		var writer fixtures.Author
		if err := db.Where("name = ?", author).First(&writer).Error; err != nil {
			return book, err
		}
		var known []fixtures.Tag
		if err := db.Where("name IN ?", tags).Find(&known).Error; err != nil {
			return book, err
		}
		book.AuthorID = writer.ID
		book.Tags = known
		for _, name := range tags {
			found := false
			for _, tag := range known {
				found = found || tag.Name == name
			}
			if !found {
				book.Tags = append(book.Tags, fixtures.Tag{Name: name})
			}
		}
		return book, db.Create(&book).Error
	}
	//dodge tags-by-name: publish := func(db *gorm.DB, author string, book fixtures.Book, tags []string) (fixtures.Book, error) {
	//dodge tags-by-name: 	var writer fixtures.Author
	//dodge tags-by-name: 	if err := db.Where("name = ?", author).First(&writer).Error; err != nil {
	//dodge tags-by-name: 		return book, err
	//dodge tags-by-name: 	}
	//dodge tags-by-name: 	book.AuthorID = writer.ID
	//dodge tags-by-name: 	for _, name := range tags {
	//dodge tags-by-name: 		book.Tags = append(book.Tags, fixtures.Tag{Name: name})
	//dodge tags-by-name: 	}
	//dodge tags-by-name: 	return book, db.Create(&book).Error
	//dodge tags-by-name: }
	//dodge append-after: publish := func(db *gorm.DB, author string, book fixtures.Book, tags []string) (fixtures.Book, error) {
	//dodge append-after: 	var writer fixtures.Author
	//dodge append-after: 	if err := db.Where("name = ?", author).First(&writer).Error; err != nil {
	//dodge append-after: 		return book, err
	//dodge append-after: 	}
	//dodge append-after: 	book.AuthorID = writer.ID
	//dodge append-after: 	if err := db.Create(&book).Error; err != nil {
	//dodge append-after: 		return book, err
	//dodge append-after: 	}
	//dodge append-after: 	for _, name := range tags {
	//dodge append-after: 		var tag fixtures.Tag
	//dodge append-after: 		if err := db.Where(fixtures.Tag{Name: name}).FirstOrCreate(&tag).Error; err != nil {
	//dodge append-after: 			return book, err
	//dodge append-after: 		}
	//dodge append-after: 		if err := db.Model(&book).Association("Tags").Append(&tag); err != nil {
	//dodge append-after: 			return book, err
	//dodge append-after: 		}
	//dodge append-after: 	}
	//dodge append-after: 	return book, nil
	//dodge append-after: }
	//dodge raw-lookups: publish := func(db *gorm.DB, author string, book fixtures.Book, tags []string) (fixtures.Book, error) {
	//dodge raw-lookups: 	var writer fixtures.Author
	//dodge raw-lookups: 	if err := db.Raw("SELECT * FROM authors WHERE name = ?", author).Scan(&writer).Error; err != nil || writer.ID == 0 {
	//dodge raw-lookups: 		return book, gorm.ErrRecordNotFound
	//dodge raw-lookups: 	}
	//dodge raw-lookups: 	var known []fixtures.Tag
	//dodge raw-lookups: 	if err := db.Raw("SELECT * FROM tags WHERE name IN ?", tags).Scan(&known).Error; err != nil {
	//dodge raw-lookups: 		return book, err
	//dodge raw-lookups: 	}
	//dodge raw-lookups: 	book.AuthorID = writer.ID
	//dodge raw-lookups: 	book.Tags = known
	//dodge raw-lookups: 	for _, name := range tags {
	//dodge raw-lookups: 		if !slices.ContainsFunc(known, func(tag fixtures.Tag) bool { return tag.Name == name }) {
	//dodge raw-lookups: 			book.Tags = append(book.Tags, fixtures.Tag{Name: name})
	//dodge raw-lookups: 		}
	//dodge raw-lookups: 	}
	//dodge raw-lookups: 	return book, db.Create(&book).Error
	//dodge raw-lookups: }
	//dodge every-tag-in-go: publish := func(db *gorm.DB, author string, book fixtures.Book, tags []string) (fixtures.Book, error) {
	//dodge every-tag-in-go: 	var writer fixtures.Author
	//dodge every-tag-in-go: 	if err := db.Where("name = ?", author).First(&writer).Error; err != nil {
	//dodge every-tag-in-go: 		return book, err
	//dodge every-tag-in-go: 	}
	//dodge every-tag-in-go: 	var all []fixtures.Tag
	//dodge every-tag-in-go: 	if err := db.Find(&all).Error; err != nil {
	//dodge every-tag-in-go: 		return book, err
	//dodge every-tag-in-go: 	}
	//dodge every-tag-in-go: 	book.AuthorID = writer.ID
	//dodge every-tag-in-go: 	for _, name := range tags {
	//dodge every-tag-in-go: 		i := slices.IndexFunc(all, func(tag fixtures.Tag) bool { return tag.Name == name })
	//dodge every-tag-in-go: 		if i < 0 {
	//dodge every-tag-in-go: 			book.Tags = append(book.Tags, fixtures.Tag{Name: name})
	//dodge every-tag-in-go: 		} else {
	//dodge every-tag-in-go: 			book.Tags = append(book.Tags, all[i])
	//dodge every-tag-in-go: 		}
	//dodge every-tag-in-go: 	}
	//dodge every-tag-in-go: 	return book, db.Create(&book).Error
	//dodge every-tag-in-go: }
	//dodge new-tags-first: publish := func(db *gorm.DB, author string, book fixtures.Book, tags []string) (fixtures.Book, error) {
	//dodge new-tags-first: 	var writer fixtures.Author
	//dodge new-tags-first: 	if err := db.Where("name = ?", author).First(&writer).Error; err != nil {
	//dodge new-tags-first: 		return book, err
	//dodge new-tags-first: 	}
	//dodge new-tags-first: 	var known []fixtures.Tag
	//dodge new-tags-first: 	if err := db.Where("name IN ?", tags).Find(&known).Error; err != nil {
	//dodge new-tags-first: 		return book, err
	//dodge new-tags-first: 	}
	//dodge new-tags-first: 	for _, name := range tags {
	//dodge new-tags-first: 		if !slices.ContainsFunc(known, func(tag fixtures.Tag) bool { return tag.Name == name }) {
	//dodge new-tags-first: 			tag := fixtures.Tag{Name: name}
	//dodge new-tags-first: 			if err := db.Create(&tag).Error; err != nil {
	//dodge new-tags-first: 				return book, err
	//dodge new-tags-first: 			}
	//dodge new-tags-first: 			known = append(known, tag)
	//dodge new-tags-first: 		}
	//dodge new-tags-first: 	}
	//dodge new-tags-first: 	book.AuthorID = writer.ID
	//dodge new-tags-first: 	book.Tags = known
	//dodge new-tags-first: 	return book, db.Create(&book).Error
	//dodge new-tags-first: }
	//honest other-conditions: publish := func(db *gorm.DB, author string, book fixtures.Book, tags []string) (fixtures.Book, error) {
	//honest other-conditions: 	var writer fixtures.Author
	//honest other-conditions: 	if err := db.First(&writer, &fixtures.Author{Name: author}).Error; err != nil {
	//honest other-conditions: 		return book, err
	//honest other-conditions: 	}
	//honest other-conditions: 	var known []fixtures.Tag
	//honest other-conditions: 	if err := db.Where(map[string]any{"name": tags}).Find(&known).Error; err != nil {
	//honest other-conditions: 		return book, err
	//honest other-conditions: 	}
	//honest other-conditions: 	book.AuthorID = writer.ID
	//honest other-conditions: 	book.Tags = known
	//honest other-conditions: 	for _, name := range tags {
	//honest other-conditions: 		if !slices.ContainsFunc(known, func(tag fixtures.Tag) bool { return tag.Name == name }) {
	//honest other-conditions: 			book.Tags = append(book.Tags, fixtures.Tag{Name: name})
	//honest other-conditions: 		}
	//honest other-conditions: 	}
	//honest other-conditions: 	return book, db.Create(&book).Error
	//honest other-conditions: }
	// ✎ end

	tehanu, err := publish(db, "Ursula K. Le Guin", fixtures.Book{Title: "Tehanu", Year: 1990}, []string{"fantasy", "award-winner", "feminist"})
	require.NoError(t, err)
	assert.Equal(t, []string{"SELECT", "SELECT", "BEGIN", "INSERT", "INSERT", "INSERT", "COMMIT"}, queries.Keywords(),
		"two lookups, then one transaction: the book, the new tag, the links")
	queries.NoHandWritten(t)
	queries.ReadAtMost(t, 5) // the author, the two known tags, the new IDs of the book and of feminist
	savedWithParent(t, queries, "tags")
	var names []string
	require.NoError(t, db.Table("tags").Joins("JOIN book_tags ON book_tags.tag_id = tags.id").
		Where("book_tags.book_id = ?", tehanu.ID).Order("tags.name").Pluck("tags.name", &names).Error)
	assert.Equal(t, []string{"award-winner", "fantasy", "feminist"}, names)
	var stored fixtures.Book
	require.NoError(t, db.First(&stored, tehanu.ID).Error)
	assert.Equal(t, uint(1), stored.AuthorID, "filed under Le Guin")

	queries.Reset()
	_, err = publish(db, "Mary Shelley", fixtures.Book{Title: "Frankenstein", Year: 1818}, []string{"gothic"})
	assert.ErrorIs(t, err, gorm.ErrRecordNotFound, "no such author in the library")
	assert.Zero(t, queries.Count("INSERT"), "nothing written for an unknown author")
	var tags int64
	require.NoError(t, db.Model(&fixtures.Tag{}).Count(&tags).Error)
	assert.EqualValues(t, 12, tags, "one new tag in all: feminist")

	queries.Reset()
	jazz, err := publish(db, "Toni Morrison", fixtures.Book{Title: "Jazz", Year: 1992}, []string{"literary", "feminist"})
	require.NoError(t, err)
	names = nil
	require.NoError(t, db.Table("tags").Joins("JOIN book_tags ON book_tags.tag_id = tags.id").
		Where("book_tags.book_id = ?", jazz.ID).Order("tags.name").Pluck("tags.name", &names).Error)
	assert.Equal(t, []string{"feminist", "literary"}, names, "feminist, made by the first call, is now a tag the library has")
	require.NoError(t, db.Model(&fixtures.Tag{}).Count(&tags).Error)
	assert.EqualValues(t, 12, tags, "no tag added for Jazz")
}

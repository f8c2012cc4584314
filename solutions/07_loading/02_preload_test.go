package loading

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestPreloadKillsNPlusOne: load every author with their books in at most two queries.
//
// The loop below asks the database once per author. Tell GORM what you will
// need before the query instead: Preload runs one more query for all the
// authors' books at once and stitches each book onto its author — nine
// authors or nine thousand, two queries.
//
// Hint: Preload takes the name of the struct field to fill, and goes before
// the finisher.
// Docs: https://gorm.io/docs/preload.html
func TestPreloadKillsNPlusOne(t *testing.T) {
	db, queries := fixtures.Library(t)

	var authors []fixtures.Author
	// ✎ load the authors and their books without a query per author
	//koan: require.NoError(t, db.Find(&authors).Error)
	//koan: for i := range authors {
	//koan: 	require.NoError(t, db.Model(&authors[i]).Association("Books").Find(&authors[i].Books))
	//koan: }
	require.NoError(t, db.Preload("Books").Find(&authors).Error)
	//dodge stitch-in-go: var books []fixtures.Book
	//dodge stitch-in-go: require.NoError(t, db.Find(&authors).Error)
	//dodge stitch-in-go: require.NoError(t, db.Find(&books).Error)
	//dodge stitch-in-go: for i := range authors { for _, b := range books { if b.AuthorID == authors[i].ID { authors[i].Books = append(authors[i].Books, b) } } }
	//dodge hand-rolled-in: var books []fixtures.Book
	//dodge hand-rolled-in: require.NoError(t, db.Find(&authors).Error)
	//dodge hand-rolled-in: ids := []uint{}
	//dodge hand-rolled-in: for _, a := range authors { ids = append(ids, a.ID) }
	//dodge hand-rolled-in: require.NoError(t, db.Where("author_id IN ?", ids).Find(&books).Error)
	//dodge hand-rolled-in: for i := range authors { authors[i].Books = []fixtures.Book{}; for _, b := range books { if b.AuthorID == authors[i].ID { authors[i].Books = append(authors[i].Books, b) } } }
	//dodge raw-in: var books []fixtures.Book
	//dodge raw-in: require.NoError(t, db.Find(&authors).Error)
	//dodge raw-in: require.NoError(t, db.Raw("SELECT * FROM books WHERE author_id IN (SELECT id FROM authors)").Scan(&books).Error)
	//dodge raw-in: for i := range authors { for _, b := range books { if b.AuthorID == authors[i].ID { authors[i].Books = append(authors[i].Books, b) } } }
	//dodge association-for-all: var books []fixtures.Book
	//dodge association-for-all: require.NoError(t, db.Find(&authors).Error)
	//dodge association-for-all: require.NoError(t, db.Model(&authors).Association("Books").Find(&books))
	//dodge association-for-all: for i := range authors { for _, b := range books { if b.AuthorID == authors[i].ID { authors[i].Books = append(authors[i].Books, b) } } }
	//honest ordered: require.NoError(t, db.Preload("Books").Order("name").Find(&authors).Error)
	//honest from-the-model: require.NoError(t, db.Model(&fixtures.Author{}).Preload("Books").Find(&authors).Error)
	// ✎ end

	queries.AtMost(t, 2)
	queries.Preloaded(t, "books")
	assert.Equal(t, fixtures.BookCountByAuthor(), bookCounts(authors))
}

// TestPreloadIsOneInQueryPerRelation: Preload collects the parents' keys into a single IN list.
//
// After SELECT * FROM authors, GORM gathers every author's ID and sends
// SELECT * FROM books WHERE author_id IN (…) — SQLAlchemy calls this
// selectinload. Each author gets its books; an author with none gets an
// empty slice, not a nil one: "loaded, nothing there" is not "not loaded".
//
// Hint: the books' query holds every author's ID in one IN list. Kazuo
// Ishiguro is the ninth author and has no books.
// Docs: https://gorm.io/docs/preload.html
// SQL: after first try
func TestPreloadIsOneInQueryPerRelation(t *testing.T) {
	db, queries := fixtures.Library(t)

	var authors []fixtures.Author
	require.NoError(t, db.Preload("Books").Order("id").Find(&authors).Error)

	assert.Equal(t /*__*/, []string{"authors", "books"}, queries.Tables("SELECT")) // which tables were read, in order?
	require.Len(t, authors, 9)
	ishiguro := authors[8]
	assert.Equal(t /*__*/, 0, len(ishiguro.Books))       // how many books has Ishiguro?
	assert.Equal(t /*__*/, false, ishiguro.Books == nil) // is his Books slice nil?
}

// TestManyToManyPreloadCostsTwo: preloading a many-to-many reads the join table, then the other side.
//
// There is no tag_id on books to collect, so GORM first reads book_tags for
// the books' IDs, then the tags for the tag IDs it found there. Two queries
// per many-to-many relation, still independent of how many books you load.
//
// Hint: the books first; then the IN list of one query holds book IDs,
// the next one's tag IDs.
// Docs: https://gorm.io/docs/preload.html
// SQL: after first try
func TestManyToManyPreloadCostsTwo(t *testing.T) {
	db, queries := fixtures.Library(t)

	var books []fixtures.Book
	require.NoError(t, db.Preload("Tags").Find(&books).Error)

	assert.Equal(t /*__*/, 3, queries.Len())                                                 // how many queries in all?
	assert.Equal(t /*__*/, []string{"books", "book_tags", "tags"}, queries.Tables("SELECT")) // which tables, in order?
}

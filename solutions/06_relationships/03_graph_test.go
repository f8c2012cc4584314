package relationships

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestCreateAGraphInOneCall: one Create saves a whole graph, one INSERT per table, in one transaction.
//
// Hand Create an author with books, and books with tags: GORM walks the
// graph, saves parents before children, batches each table's rows into a
// single INSERT and wraps the lot in BEGIN … COMMIT. If any INSERT fails,
// none of them happened.
//
// Hint: count tables, not rows. The IDs come back from each INSERT's
// RETURNING (SQLite, PostgreSQL) and are copied onto your structs before
// the next INSERT runs;
// the tags' INSERT carries only their names.
// Docs: https://gorm.io/docs/create.html#create_with_associations
// SQL: after first try
func TestCreateAGraphInOneCall(t *testing.T) {
	db, queries := fixtures.Library(t)

	shelley := fixtures.Author{Name: "Mary Shelley", Books: []fixtures.Book{
		{Title: "Frankenstein", Year: 1818, Tags: []fixtures.Tag{{Name: "gothic"}, {Name: "horror"}}},
		{Title: "The Last Man", Year: 1826, Tags: []fixtures.Tag{{Name: "apocalyptic"}}},
	}}
	require.NoError(t, db.Create(&shelley).Error)

	assert.Equal(t /*__*/, []string{"BEGIN", "INSERT", "INSERT", "INSERT", "INSERT", "COMMIT"}, queries.Keywords()) // what did the conversation look like?
	assert.Equal(t /*__*/, []string{"authors", "books", "tags", "book_tags"}, queries.Tables("INSERT"))             // which tables, in which order?
	assert.Equal(t /*__*/, 3, len(queries.Statements()[3].Args))                                                    // values carried by the one INSERT INTO tags?
}

// TestExistingRowsGoByPrimaryKey: to link a new book to an existing tag, give GORM the tag's ID.
//
// In a graph, GORM inserts associated rows with ON CONFLICT DO NOTHING and
// reads their IDs back with RETURNING. A tag that already exists conflicts on
// its unique name, nothing is inserted, nothing is returned — and the link is
// written with tag_id 0, which the foreign key refuses.
//
// Hint: GORM does not look rows up by name for you. Find the tag first (or
// name it by its ID), then put that tag on the book.
// Docs: https://gorm.io/docs/create.html#create_with_associations
func TestExistingRowsGoByPrimaryKey(t *testing.T) {
	db, queries := fixtures.Library(t)

	tehanu := fixtures.Book{Title: "Tehanu", Year: 1990, AuthorID: 1}
	// ✎ tag Tehanu with the library's existing "fantasy" tag
	//koan: tehanu.Tags = []fixtures.Tag{{Name: "fantasy"}}
	var fantasy fixtures.Tag
	require.NoError(t, db.Where("name = ?", "fantasy").First(&fantasy).Error)
	tehanu.Tags = []fixtures.Tag{fantasy}
	//dodge by-name: tehanu.Tags = []fixtures.Tag{{Name: "fantasy"}}
	//dodge new-tag: tehanu.Tags = []fixtures.Tag{{Name: "fantasy (again)"}}
	//dodge raw-lookup: var fantasy fixtures.Tag
	//dodge raw-lookup: require.NoError(t, db.Raw("SELECT * FROM tags WHERE name = ?", "fantasy").Scan(&fantasy).Error)
	//dodge raw-lookup: tehanu.Tags = []fixtures.Tag{fantasy}
	//dodge every-tag-in-go: var all []fixtures.Tag
	//dodge every-tag-in-go: require.NoError(t, db.Find(&all).Error)
	//dodge every-tag-in-go: for _, tag := range all { if tag.Name == "fantasy" { tehanu.Tags = []fixtures.Tag{tag} } }
	//honest struct-condition: var fantasy fixtures.Tag
	//honest struct-condition: require.NoError(t, db.Where(&fixtures.Tag{Name: "fantasy"}).First(&fantasy).Error)
	//honest struct-condition: tehanu.Tags = []fixtures.Tag{fantasy}
	//honest by-id: tehanu.Tags = []fixtures.Tag{{ID: 1}}
	// ✎ end
	require.NoError(t, db.Create(&tehanu).Error)
	queries.NoHandWritten(t)
	queries.ReadAtMost(t, 2) // the tag you looked up, the book's new ID

	var tags []fixtures.Tag
	require.NoError(t, db.Model(&tehanu).Association("Tags").Find(&tags))
	require.Len(t, tags, 1)
	assert.Equal(t, uint(1), tags[0].ID, "the existing fantasy tag, not a new one")
	var n int64
	require.NoError(t, db.Model(&fixtures.Tag{}).Count(&n).Error)
	assert.Equal(t, 11, int(n), "no tag was added")
}

package relationships

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestAppendAddsALink: Association("Tags").Append links a tag to a book without touching the others.
//
// Association mode works on one relation of one record: Append, Replace,
// Delete, Clear, Count, Find. Append saves the tag the way a graph is saved
// (an INSERT … ON CONFLICT DO NOTHING, harmless for a tag that exists),
// writes the link, and appends the tag to the struct's field in memory.
//
// Hint: The Tombs of Atuan starts with one tag, which the koan never loaded
// into tombs. Read the INSERTs below.
// Docs: https://gorm.io/docs/associations.html#Appending-Associations
// SQL: after first try
func TestAppendAddsALink(t *testing.T) {
	db, queries := fixtures.Library(t)
	tombs := fixtures.Book{ID: 3}

	require.NoError(t, db.Model(&tombs).Association("Tags").Append(&fixtures.Tag{ID: 3})) // "classic"

	assert.Equal(t /*__*/, []string{"tags", "book_tags"}, queries.Tables("INSERT")) // which tables got an INSERT?
	assert.Equal(t /*__*/, 2, int(db.Model(&tombs).Association("Tags").Count()))    // how many tags has the book now?
	assert.Equal(t /*__*/, 1, len(tombs.Tags))                                      // and how many did Append put on the struct?
}

// TestReplaceSetsExactlyTheseTags: Replace makes the relation exactly the list you give.
//
// Append only adds. Replace adds what is missing and deletes every other
// link of this book: INSERT the new links, then DELETE FROM book_tags WHERE
// book_id = ? AND tag_id NOT IN (…). The tags themselves are not deleted.
//
// Hint: Kindred is tagged science-fiction and classic; it should end with
// science-fiction and award-winner only.
// Docs: https://gorm.io/docs/associations.html#Replacing-Associations
func TestReplaceSetsExactlyTheseTags(t *testing.T) {
	db, queries := fixtures.Library(t)
	kindred := fixtures.Book{ID: 11}
	wanted := []fixtures.Tag{{ID: 2}, {ID: 10}} // science-fiction, award-winner

	// ✎ make Kindred's tags exactly the wanted ones
	//koan: require.NoError(t, db.Model(&kindred).Association("Tags").Append(wanted))
	require.NoError(t, db.Model(&kindred).Association("Tags").Replace(wanted))
	//dodge delete-then-append: require.NoError(t, db.Model(&kindred).Association("Tags").Delete(&fixtures.Tag{ID: 3}))
	//dodge delete-then-append: require.NoError(t, db.Model(&kindred).Association("Tags").Append(wanted))
	//dodge clear-then-append: require.NoError(t, db.Model(&kindred).Association("Tags").Clear())
	//dodge clear-then-append: require.NoError(t, db.Model(&kindred).Association("Tags").Append(wanted))
	// ✎ end

	var names []string
	require.NoError(t, db.Table("tags").
		Joins("JOIN book_tags ON book_tags.tag_id = tags.id").
		Where("book_tags.book_id = ?", kindred.ID).
		Order("tags.name").Pluck("tags.name", &names).Error)
	assert.Equal(t, []string{"award-winner", "science-fiction"}, names)
	var deletes []string
	for _, sql := range queries.SQL() {
		if strings.HasPrefix(sql, "DELETE") {
			deletes = append(deletes, sql)
		}
	}
	assert.Equal(t, []string{queries.Spelled("DELETE FROM `book_tags` WHERE `book_tags`.`book_id` = 11 AND `book_tags`.`tag_id` NOT IN (2,10)")}, deletes,
		"one DELETE: every link but the wanted ones")
}

// TestDeleteAndClearCutLinksNotRows: on a many-to-many, Delete and Clear remove rows of the join table only.
//
// Association("Tags").Delete(tag) deletes one (book_id, tag_id) pair;
// Clear deletes all of the book's pairs. The tags stay in the tags table,
// still attached to every other book that has them.
//
// Hint: A Wizard of Earthsea is tagged fantasy and classic. Look at which
// table each DELETE below names.
// Docs: https://gorm.io/docs/associations.html#Deleting-Associations
// SQL: after first try
func TestDeleteAndClearCutLinksNotRows(t *testing.T) {
	db, _ := fixtures.Library(t)
	earthsea := fixtures.Book{ID: 1}

	require.NoError(t, db.Model(&earthsea).Association("Tags").Delete(&fixtures.Tag{ID: 3})) // "classic"
	assert.Equal(t /*__*/, 1, int(db.Model(&earthsea).Association("Tags").Count()))          // tags left after Delete?

	require.NoError(t, db.Model(&earthsea).Association("Tags").Clear())
	assert.Equal(t /*__*/, 0, int(db.Model(&earthsea).Association("Tags").Count())) // tags left after Clear?

	var tags int64
	require.NoError(t, db.Model(&fixtures.Tag{}).Count(&tags).Error)
	assert.Equal(t /*__*/, 11, int(tags)) // how many rows has the tags table now?
}

// TestClearOnHasManyOrphansTheChildren: clearing an author's books sets their author_id to NULL.
//
// A has-many has no join table to delete from: the link is the child's
// foreign key. So Association("Books").Clear() is an UPDATE that nulls
// books.author_id — the books survive, belonging to nobody.
//
// Hint: Ursula K. Le Guin has five books. Look at the keyword of the one
// statement between BEGIN and COMMIT.
// Docs: https://gorm.io/docs/associations.html#Clearing-Associations
// SQL: after first try
func TestClearOnHasManyOrphansTheChildren(t *testing.T) {
	db, queries := fixtures.Library(t)

	require.NoError(t, db.Model(&fixtures.Author{ID: 1}).Association("Books").Clear())
	assert.Equal(t /*__*/, []string{"BEGIN", "UPDATE", "COMMIT"}, queries.Keywords()) // what did Clear send?

	var books, orphans int64
	require.NoError(t, db.Model(&fixtures.Book{}).Count(&books).Error)
	require.NoError(t, db.Model(&fixtures.Book{}).Where("author_id IS NULL").Count(&orphans).Error)
	assert.Equal(t /*__*/, 32, int(books))  // how many books are left?
	assert.Equal(t /*__*/, 5, int(orphans)) // how many belong to nobody?
}

// TestReplaceAndDeleteOnHasManyKeepTheRows: on a has-many, Replace and Delete null the children's key; no book is deleted.
//
// Association mode on a has-many changes the link, and the link is
// books.author_id. Delete(&book) sets that book's author_id to NULL; Replace
// upserts the books you name and nulls author_id on every other book of the
// author. The books stay, belonging to nobody — and Replace does it in two
// transactions, not one.
//
// Hint: Terry Pratchett (author 2) has five books, 6 to 10. Count the
// BEGINs of Replace below, then the orphans.
// Docs: https://gorm.io/docs/associations.html#Replacing-Associations
// SQL: after first try
func TestReplaceAndDeleteOnHasManyKeepTheRows(t *testing.T) {
	db, queries := fixtures.Library(t)
	pratchett := fixtures.Author{ID: 2}

	require.NoError(t, db.Model(&pratchett).Association("Books").Replace([]fixtures.Book{{ID: 6}, {ID: 7}}))
	replaceSent := queries.Keywords()
	require.NoError(t, db.Model(&pratchett).Association("Books").Delete(&fixtures.Book{ID: 7}))

	var books, orphans int64
	require.NoError(t, db.Model(&fixtures.Book{}).Count(&books).Error)
	require.NoError(t, db.Model(&fixtures.Book{}).Where("author_id IS NULL").Count(&orphans).Error)

	assert.Equal(t /*__*/, []string{"BEGIN", "INSERT", "COMMIT", "BEGIN", "UPDATE", "COMMIT"}, replaceSent) // what did Replace send?
	assert.Equal(t /*__*/, 4, int(orphans))                                                                 // books without an author now?
	assert.Equal(t /*__*/, 32, int(books))                                                                  // books in the table?
}

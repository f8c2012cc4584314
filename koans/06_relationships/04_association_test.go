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
// into tombs. Append's INSERTs show in the SQL after your first try.
// Docs: https://gorm.io/docs/associations.html#Appending-Associations
// SQL: after first try
func TestAppendAddsALink(t *testing.T) {
	db, queries := fixtures.Library(t)
	tombs := fixtures.Book{ID: 3}

	require.NoError(t, db.Model(&tombs).Association("Tags").Append(&fixtures.Tag{ID: 3})) // "classic"

	assert.Equal(t, __, queries.Tables("INSERT"))                          // which tables got an INSERT?
	assert.Equal(t, __, int(db.Model(&tombs).Association("Tags").Count())) // how many tags has the book now?
	assert.Equal(t, __, len(tombs.Tags))                                   // and how many did Append put on the struct?
}

// TestReplaceSetsExactlyTheseTags: Replace makes the relation exactly the list you give.
//
// Append only adds. Replace adds what is missing and deletes every other
// link of this book. It saves the tags you pass the way Append does (an
// INSERT … ON CONFLICT DO NOTHING into tags, then the links), and in a
// second transaction deletes the rest: DELETE FROM book_tags WHERE
// book_id = ? AND tag_id NOT IN (…). Two transactions: Replace is not
// atomic. The tags themselves are not deleted.
//
// Hint: Kindred is tagged science-fiction and classic; it should end with
// science-fiction and award-winner only — whatever it was tagged before.
// Docs: https://gorm.io/docs/associations.html#Replacing-Associations
func TestReplaceSetsExactlyTheseTags(t *testing.T) {
	db, queries := fixtures.Library(t)
	kindred := fixtures.Book{ID: 11}
	wanted := []fixtures.Tag{{ID: 2}, {ID: 10}} // science-fiction, award-winner

	// ✎ make Kindred's tags exactly the wanted ones
	require.NoError(t, db.Model(&kindred).Association("Tags").Append(wanted))
	// ✎ end

	var names []string
	require.NoError(t, db.Table("tags").
		Joins("JOIN book_tags ON book_tags.tag_id = tags.id").
		Where("book_tags.book_id = ?", kindred.ID).
		Order("tags.name").Pluck("tags.name", &names).Error)
	assert.Equal(t, []string{"award-winner", "science-fiction"}, names)
	var deletes []fixtures.Statement
	for _, s := range queries.Statements() {
		if strings.HasPrefix(s.SQL, "DELETE") {
			deletes = append(deletes, s)
		}
		if strings.HasPrefix(s.SQL, "INSERT") || strings.HasPrefix(s.SQL, "DELETE") {
			assert.Contains(t, []fixtures.Origin{fixtures.Association, fixtures.Cascade}, s.Origin, "every link written by Association mode, not by hand: %s", s)
		}
	}
	if assert.Len(t, deletes, 1, "one DELETE: every link of the book but the wanted ones") {
		assert.Contains(t, deletes[0].SQL, "NOT IN", "the DELETE keeps the wanted links and knows nothing else of the book: %s", deletes[0])
	}
}

// TestDeleteAndClearCutLinksNotRows: on a many-to-many, Delete and Clear remove rows of the join table only.
//
// Association("Tags").Delete(tag) deletes one (book_id, tag_id) pair;
// Clear deletes all of the book's pairs. The tags stay in the tags table,
// still attached to every other book that has them.
//
// Hint: A Wizard of Earthsea is tagged fantasy and classic. Look at which
// table each DELETE names.
// Docs: https://gorm.io/docs/associations.html#Deleting-Associations
// SQL: after first try
func TestDeleteAndClearCutLinksNotRows(t *testing.T) {
	db, _ := fixtures.Library(t)
	earthsea := fixtures.Book{ID: 1}
	var before int64
	require.NoError(t, db.Model(&fixtures.Tag{}).Count(&before).Error)

	require.NoError(t, db.Model(&earthsea).Association("Tags").Delete(&fixtures.Tag{ID: 3})) // "classic"
	assert.Equal(t, __, int(db.Model(&earthsea).Association("Tags").Count()))                // tags left after Delete?

	require.NoError(t, db.Model(&earthsea).Association("Tags").Clear())
	assert.Equal(t, __, int(db.Model(&earthsea).Association("Tags").Count())) // tags left after Clear?

	var after int64
	require.NoError(t, db.Model(&fixtures.Tag{}).Count(&after).Error)
	assert.Equal(t, __, int(before-after)) // how many rows did the tags table lose?
}

// TestClearOnHasManyOrphansTheChildren: Clear on a has-many nulls the children's key; Unscoped().Clear() deletes them.
//
// A has-many has no join table to delete from: the link is the child's
// foreign key. So Association("Books").Clear() is an UPDATE that nulls
// books.author_id — the books survive, belonging to nobody. Association
// mode has an Unscoped() of its own: with it, the same Clear deletes the
// children's rows instead (for good, on a model with soft delete).
//
// Hint: Ursula K. Le Guin has five books. The koan gives Mary Shelley two,
// with no tags (book_tags would refuse to lose a tagged book). Predict the
// keyword between BEGIN and COMMIT for each Clear, then count.
// Docs: https://gorm.io/docs/associations.html#Clearing-Associations
// SQL: after first try
func TestClearOnHasManyOrphansTheChildren(t *testing.T) {
	db, queries := fixtures.Library(t)
	shelley := fixtures.Author{Name: "Mary Shelley", Books: []fixtures.Book{{Title: "Frankenstein", Year: 1818}, {Title: "The Last Man", Year: 1826}}}
	require.NoError(t, db.Create(&shelley).Error)
	queries.Reset()

	require.NoError(t, db.Model(&fixtures.Author{ID: 1}).Association("Books").Clear())
	cleared := queries.Keywords()
	queries.Reset()
	require.NoError(t, db.Model(&shelley).Association("Books").Unscoped().Clear())
	unscoped := queries.Keywords()

	var books, orphans int64
	require.NoError(t, db.Model(&fixtures.Book{}).Count(&books).Error)
	require.NoError(t, db.Model(&fixtures.Book{}).Where("author_id IS NULL").Count(&orphans).Error)
	assert.Equal(t, __, cleared)      // what did Clear send for Le Guin?
	assert.Equal(t, __, unscoped)     // and Unscoped().Clear() for Shelley?
	assert.Equal(t, __, int(books))   // how many books are in the table now?
	assert.Equal(t, __, int(orphans)) // how many belong to nobody?
}

// TestReplaceAndDeleteOnHasManyKeepTheRows: on a has-many, Replace and Delete null the children's key; no book is deleted.
//
// Association mode on a has-many changes the link, and the link is
// books.author_id. Delete(&book) sets that book's author_id to NULL; Replace
// upserts the books you name and nulls author_id on every other book of the
// author. The books stay, belonging to nobody — and Replace does it in two
// transactions, not one.
//
// Hint: Terry Pratchett (author 2) has five books, 6 to 10. Replace keeps
// 6 and 7 and lets go of the rest; then Delete lets go of 7.
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

	assert.Equal(t, __, replaceSent)  // what did Replace send?
	assert.Equal(t, __, int(orphans)) // books without an author now?
	assert.Equal(t, __, int(books))   // books in the table?
}

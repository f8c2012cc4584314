package relationships

import (
	"errors"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestForeignKeysAreEnforced: the database, not GORM, refuses a book whose author does not exist.
//
// AutoMigrate wrote CONSTRAINT fk_authors_books FOREIGN KEY (author_id)
// REFERENCES authors(id). PostgreSQL always checks it; SQLite checks it
// only because the fixtures turn its foreign_keys pragma on (it is off by
// default!). With TranslateError, GORM turns the driver's error into one
// you can test with errors.Is: on SQLite GORM's error itself, on PostgreSQL
// GORM's error wrapping the server's (code 23503).
//
// Hint: AuthorID is a uint, not a pointer: a book nobody gave an author is
// written with author_id 0. Is there an author 0? And what may happen to an
// author that books still point at?
// Docs: https://gorm.io/docs/constraints.html
func TestForeignKeysAreEnforced(t *testing.T) {
	db, _ := fixtures.Library(t, fixtures.WithConfig(func(c *gorm.Config) { c.TranslateError = true }))

	orphan := db.Create(&fixtures.Book{Title: "Orphan", AuthorID: 999}).Error
	assert.Equal(t /*__*/, gorm.ErrForeignKeyViolated, translated(orphan)) // which of GORM's errors does Create's error match?

	forgotten := db.Create(&fixtures.Book{Title: "Nobody's"}).Error
	assert.Equal(t /*__*/, true, errors.Is(forgotten, gorm.ErrForeignKeyViolated)) // was a book with no author refused too?

	stillWriting := db.Delete(&fixtures.Author{ID: 1}).Error
	assert.Equal(t /*__*/, true, errors.Is(stillWriting, gorm.ErrForeignKeyViolated)) // was deleting Le Guin refused?
}

// translated is the one of GORM's translated errors that err matches with
// errors.Is, or err itself when it matches none.
func translated(err error) error {
	for _, known := range []error{gorm.ErrDuplicatedKey, gorm.ErrForeignKeyViolated, gorm.ErrCheckConstraintViolated, gorm.ErrInvalidField} {
		if errors.Is(err, known) {
			return known
		}
	}
	return err
}

// Shelf, Volume, Librarian and Loan are this phase's own models: two
// relations whose foreign keys say what happens when the parent goes.

// Shelf holds volumes; deleting a shelf deletes its volumes.
type Shelf struct {
	ID      uint
	Name    string
	Volumes []Volume `gorm:"constraint:OnDelete:CASCADE"`
}

// Volume stands on one shelf.
type Volume struct {
	ID      uint
	Title   string
	ShelfID uint
}

// Librarian signs loans; deleting a librarian keeps the loans.
type Librarian struct {
	ID    uint
	Name  string
	Loans []Loan `gorm:"constraint:OnDelete:SET NULL"`
}

// Loan may have lost its librarian: LibrarianID is a pointer, so it can be NULL.
type Loan struct {
	ID          uint
	Reader      string
	LibrarianID *uint
}

// TestOnDeleteCascadeOrSetNull: the constraint tag decides what deleting a parent does to its children.
//
// `constraint:OnDelete:CASCADE` adds ON DELETE CASCADE to the foreign key:
// the database deletes the children with the parent. `OnDelete:SET NULL`
// keeps the children and nulls their foreign key — which must then be
// nullable, a pointer in Go. Either way GORM sends one DELETE; the database
// does the rest.
//
// Hint: which rule did each tag write into its foreign key? After your
// first try, the CREATE TABLE statements open the SQL.
// Docs: https://gorm.io/docs/constraints.html
// SQL: after first try
func TestOnDeleteCascadeOrSetNull(t *testing.T) {
	db, _ := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&Shelf{}, &Volume{}, &Librarian{}, &Loan{}))
	require.NoError(t, db.Create(&Shelf{Name: "Poetry", Volumes: []Volume{{Title: "Ariel"}, {Title: "Leaves of Grass"}}}).Error)
	require.NoError(t, db.Create(&Librarian{Name: "Ada", Loans: []Loan{{Reader: "Ben"}, {Reader: "Cy"}}}).Error)

	require.NoError(t, db.Delete(&Shelf{ID: 1}).Error)
	require.NoError(t, db.Delete(&Librarian{ID: 1}).Error)

	var volumes []Volume
	require.NoError(t, db.Find(&volumes).Error)
	assert.Equal(t /*__*/, 0, len(volumes)) // how many volumes are left?

	var loans []Loan
	require.NoError(t, db.Order("id").Find(&loans).Error)
	assert.Equal(t /*__*/, 2, len(loans)) // how many loans are left?
	require.NotEmpty(t, loans)
	assert.Equal(t /*__*/, true, loans[0].LibrarianID == nil) // has the first loan lost its librarian?
}

// Anthology collects stories. Its foreign key has no ON DELETE rule: the
// database refuses to delete an anthology that still has stories.
type Anthology struct {
	ID      uint
	Title   string
	Stories []Story
}

// Story appears in one anthology.
type Story struct {
	ID          uint
	Title       string
	AnthologyID uint
}

// TestDeleteWithItsChildren: delete an anthology and its stories, through GORM, in one transaction.
//
// GORM has no ORM-side cascade by default: Delete sends one DELETE for the
// parent, and here the foreign key refuses it. Select names associations
// to delete first — Select("Stories"), or Select(clause.Associations) for
// every direct one — and GORM sends their DELETE before the parent's, in
// the same transaction. It deletes the children of the primary keys you
// pass: a Delete by condition (Where(…).Delete(&Anthology{})) has none,
// and deletes no children.
//
// Hint: Omit(clause.Associations) leaves every association out of a write.
// Which chain method names what to include? Keep the ID on the anthology.
// Docs: https://gorm.io/docs/associations.html#delete_association_record
func TestDeleteWithItsChildren(t *testing.T) {
	db, queries := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&Anthology{}, &Story{}))
	require.NoError(t, db.Create(&Anthology{Title: "Dangerous Visions", Stories: []Story{{Title: "Riders of the Purple Wage"}, {Title: "Aye, and Gomorrah"}}}).Error)
	require.NoError(t, db.Create(&Anthology{Title: "Again, Dangerous Visions", Stories: []Story{{Title: "The Word for World Is Forest"}}}).Error)
	queries.Reset()
	named := deletesNamed(t, db) // what each Delete was told to delete first

	// ✎ delete anthology 1 and its stories
	//koan: err := db.Omit(clause.Associations).Delete(&Anthology{ID: 1}).Error
	err := db.Select(clause.Associations).Delete(&Anthology{ID: 1}).Error
	//dodge children-by-hand: require.NoError(t, db.Where("anthology_id = ?", 1).Delete(&Story{}).Error)
	//dodge children-by-hand: err := db.Delete(&Anthology{ID: 1}).Error
	//dodge by-condition: err := db.Select(clause.Associations).Where("id = ?", 1).Delete(&Anthology{}).Error
	//dodge raw-in-a-transaction: err := db.Transaction(func(tx *gorm.DB) error {
	//dodge raw-in-a-transaction: 	if err := tx.Exec("DELETE FROM stories WHERE anthology_id = ?", 1).Error; err != nil {
	//dodge raw-in-a-transaction: 		return err
	//dodge raw-in-a-transaction: 	}
	//dodge raw-in-a-transaction: 	return tx.Exec("DELETE FROM anthologies WHERE id = ?", 1).Error
	//dodge raw-in-a-transaction: })
	//dodge children-in-a-transaction: err := db.Transaction(func(tx *gorm.DB) error {
	//dodge children-in-a-transaction: 	if err := tx.Where(&Story{AnthologyID: 1}).Delete(&Story{}).Error; err != nil {
	//dodge children-in-a-transaction: 		return err
	//dodge children-in-a-transaction: 	}
	//dodge children-in-a-transaction: 	return tx.Delete(&Anthology{ID: 1}).Error
	//dodge children-in-a-transaction: })
	//honest by-name: err := db.Select("Stories").Delete(&Anthology{ID: 1}).Error
	//honest in-a-transaction: err := db.Transaction(func(tx *gorm.DB) error {
	//honest in-a-transaction: 	return tx.Select(clause.Associations).Delete(&Anthology{ID: 1}).Error
	//honest in-a-transaction: })
	// ✎ end

	require.NoError(t, err)
	queries.NoHandWritten(t)
	assert.True(t, slices.ContainsFunc(named("anthologies"), func(s string) bool { return s == "Stories" || s == clause.Associations }),
		"the anthology's Delete must name the association GORM deletes first; it was told to delete %q", named("anthologies"))
	assert.Equal(t, []string{"BEGIN", "DELETE", "DELETE", "COMMIT"}, queries.Keywords(), "both DELETEs in one transaction")
	assert.Equal(t, []string{"stories", "anthologies"}, queries.Tables("DELETE"), "the children first")
	var stories []Story
	require.NoError(t, db.Find(&stories).Error)
	require.Len(t, stories, 1)
	assert.Equal(t, "The Word for World Is Forest", stories[0].Title)
}

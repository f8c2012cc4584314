package session

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// Member can be soft-deleted: it has a gorm.DeletedAt field (gorm.Model has one too).
type Member struct {
	ID        uint
	Name      string
	DeletedAt gorm.DeletedAt `gorm:"index"`
}

// members opens an empty database with two members, Ada (1) and Brian (2).
func members(t *testing.T) (*gorm.DB, *fixtures.Recorder) {
	db, queries := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&Member{}))
	require.NoError(t, db.Create([]Member{{Name: "Ada"}, {Name: "Brian"}}).Error)
	queries.Reset()
	return db, queries
}

// TestSoftDeletedRowsAreHiddenEverywhere: the deleted_at filter is on every statement of the model, writes included.
//
// Phase 3 showed that Delete only stamps deleted_at. The filter that hides
// the row is added to *every* statement GORM builds for the model: First
// cannot find it (ErrRecordNotFound, though the row is there), and a second
// Delete — an UPDATE … WHERE deleted_at IS NULL — matches nothing. Only
// Unscoped() statements see the row.
//
// Hint: after your first try, read the WHERE of each statement after the first UPDATE.
// Docs: https://gorm.io/docs/delete.html#Soft-Delete
// SQL: after first try
func TestSoftDeletedRowsAreHiddenEverywhere(t *testing.T) {
	db, _ := members(t)

	require.NoError(t, db.Delete(&Member{}, 1).Error)
	var ada Member
	firstErr := db.First(&ada, 1).Error
	again := db.Delete(&Member{}, 1)
	require.NoError(t, again.Error)
	var unscoped Member
	require.NoError(t, db.Unscoped().First(&unscoped, 1).Error)
	var names []string
	require.NoError(t, db.Model(&Member{}).Pluck("name", &names).Error)

	assert.Equal(t /*__*/, gorm.ErrRecordNotFound, firstErr) // what did First return for member 1?
	assert.Equal(t /*__*/, 0, int(again.RowsAffected))       // rows the second Delete changed?
	assert.Equal(t /*__*/, true, unscoped.DeletedAt.Valid)   // does the Unscoped load carry a deletion time?
	assert.Equal(t /*__*/, []string{"Brian"}, names)         // the names a Pluck of every member returns?
}

// TestUnscopedDeleteRemovesTheRow: Unscoped().Delete sends a real DELETE.
//
// Soft delete is a default, not a wall: Unscoped() turns it off for one
// statement, so Delete becomes a DELETE again and the row is gone for good.
// Use it for data you must really erase.
//
// Hint: Unscoped is a chain method; put it before the finisher. Brian
// (member 2) stays.
// Docs: https://gorm.io/docs/delete.html#Delete-permanently
func TestUnscopedDeleteRemovesTheRow(t *testing.T) {
	db, queries := members(t)

	// ✎ erase member 1 for good
	//koan: require.NoError(t, db.Delete(&Member{}, 1).Error)
	require.NoError(t, db.Unscoped().Delete(&Member{}, 1).Error)
	//dodge raw-sql: require.NoError(t, db.Exec("DELETE FROM members WHERE id = ?", 1).Error)
	//dodge delete-twice: require.NoError(t, db.Delete(&Member{}, 1).Error)
	//dodge delete-twice: require.NoError(t, db.Delete(&Member{}, 1).Error)
	//dodge table-by-name: require.NoError(t, db.Table("members").Where("id = ?", 1).Delete(nil).Error)
	//dodge raw-in-transaction: require.NoError(t, db.Transaction(func(tx *gorm.DB) error {
	//dodge raw-in-transaction: 	return tx.Exec("DELETE FROM members WHERE id = ?", 1).Error
	//dodge raw-in-transaction: }))
	//honest where: require.NoError(t, db.Unscoped().Where("id = ?", 1).Delete(&Member{}).Error)
	//honest struct: require.NoError(t, db.Unscoped().Delete(&Member{ID: 1}).Error)
	// ✎ end

	var left []string
	require.NoError(t, db.Unscoped().Model(&Member{}).Pluck("name", &left).Error)
	assert.Equal(t, []string{"Brian"}, left, "Ada's row is gone from the table, Brian's is not")
	queries.Built(t, "DELETE", "WHERE")
	queries.FromModel(t, "DELETE")
}

// TestRestoreNeedsUnscoped: to bring a soft-deleted row back, the UPDATE itself must be Unscoped.
//
// Undeleting is setting deleted_at back to NULL. But an Update through the
// model carries the filter like every other statement — WHERE … AND
// deleted_at IS NULL — and so can never reach a deleted row: it updates
// nothing, without an error.
//
// Hint: the update below sends an UPDATE that matches no row; read its
// WHERE. Unscoped goes before the finisher.
// Docs: https://gorm.io/docs/delete.html#Find-soft-deleted-records
func TestRestoreNeedsUnscoped(t *testing.T) {
	db, queries := members(t)
	require.NoError(t, db.Delete(&Member{}, 1).Error)
	queries.Reset()

	// ✎ bring Ada (member 1) back
	//koan: result := db.Model(&Member{}).Where("id = ?", 1).Update("deleted_at", nil)
	result := db.Unscoped().Model(&Member{}).Where("id = ?", 1).Update("deleted_at", nil)
	//dodge raw-sql: result := db.Exec("UPDATE members SET deleted_at = NULL WHERE id = ?", 1)
	//dodge recreate: result := db.Create(&Member{Name: "Ada"})
	//dodge table-by-name: result := db.Table("members").Where("id = ?", 1).Update("deleted_at", nil)
	//dodge raw-in-transaction: var result *gorm.DB
	//dodge raw-in-transaction: require.NoError(t, db.Transaction(func(tx *gorm.DB) error {
	//dodge raw-in-transaction: 	result = tx.Exec("UPDATE members SET deleted_at = NULL WHERE id = ?", 1)
	//dodge raw-in-transaction: 	return result.Error
	//dodge raw-in-transaction: }))
	//honest model-key: result := db.Unscoped().Model(&Member{ID: 1}).Update("deleted_at", nil)
	//honest map: result := db.Unscoped().Model(&Member{}).Where("id = ?", 1).Updates(map[string]any{"deleted_at": nil})
	// ✎ end

	require.NoError(t, result.Error)
	assert.EqualValues(t, 1, result.RowsAffected)
	var visible []uint
	require.NoError(t, db.Model(&Member{}).Order("id").Pluck("id", &visible).Error)
	assert.Equal(t, []uint{1, 2}, visible, "Ada is member 1 again")
	assert.Equal(t, []string{"BEGIN", "UPDATE", "COMMIT", "SELECT"}, queries.Keywords())
	queries.FromModel(t, "UPDATE")
}

// Patron's card number is unique, and a patron can be soft-deleted.
type Patron struct {
	ID        uint
	Card      string `gorm:"uniqueIndex"`
	DeletedAt gorm.DeletedAt
}

// TestSoftDeleteKeepsTheKeyTaken: FirstOrCreate on a soft-deleted key looks for the row, is told it is not there, and tries to insert it.
//
// Phase 3 showed that a soft-deleted row stays in the table while the
// model stops seeing it. Here the two views meet: FirstOrCreate asks
// through the model — with its deleted_at filter — whether card A-100
// exists, and creates it if not. The unique index knows nothing of
// deleted_at: to the database the soft-deleted row is a row like any
// other, and its card number is taken.
//
// Hint: TranslateError is on. Follow FirstOrCreate step by step: what does
// its SELECT see, what does it do next, and what does the index say?
// Docs: https://gorm.io/docs/advanced_query.html#FirstOrCreate
// SQL: after first try
func TestSoftDeleteKeepsTheKeyTaken(t *testing.T) {
	db, queries := fixtures.Empty(t, fixtures.WithConfig(func(c *gorm.Config) { c.TranslateError = true }))
	require.NoError(t, db.AutoMigrate(&Patron{}))
	require.NoError(t, db.Create(&Patron{Card: "A-100"}).Error)
	require.NoError(t, db.Where("card = ?", "A-100").Delete(&Patron{}).Error)
	queries.Reset()

	var p Patron
	err := db.Where(Patron{Card: "A-100"}).FirstOrCreate(&p).Error

	assert.Equal(t /*__*/, []string{"SELECT", "BEGIN", "INSERT", "ROLLBACK"}, queries.Keywords()) // the statements FirstOrCreate sent, by first word?
	assert.Equal(t /*__*/, true, errors.Is(err, gorm.ErrDuplicatedKey))                           // did it fail as a duplicate key?
}

// TestUniqueAmongLiveRows: make the card unique among patrons that are not deleted.
//
// The usual fix is a partial index: UNIQUE (card) WHERE deleted_at IS NULL.
// Deleted rows drop out of it, live ones still clash. GORM's index tags take
// a where: option. A composite unique index on (card, deleted_at) looks like
// a fix and isn't: every live row has deleted_at NULL, and NULLs never clash
// in a unique index, so live duplicates get through. (Partial indexes exist
// on SQLite and PostgreSQL, not MySQL; there, GORM's docs point to
// gorm.io/plugin/soft_delete, which stores 0 rather than NULL for a live row,
// so that a composite index works.)
//
// Hint: `gorm:"uniqueIndex:NAME,where:CONDITION"` — the condition is SQL.
//
// Database: sqlite, postgres
// Docs: https://gorm.io/docs/indexes.html
func TestUniqueAmongLiveRows(t *testing.T) {
	db, _ := fixtures.Empty(t, fixtures.WithConfig(func(c *gorm.Config) { c.TranslateError = true }))

	// ✎ let a deleted card number be reused, and keep live ones unique
	//koan: type Subscriber struct {
	//koan: 	ID        uint
	//koan: 	Card      string `gorm:"uniqueIndex"`
	//koan: 	DeletedAt gorm.DeletedAt
	//koan: }
	type Subscriber struct {
		ID        uint
		Card      string `gorm:"uniqueIndex:idx_live_card,where:deleted_at IS NULL"`
		DeletedAt gorm.DeletedAt
	}
	//dodge composite: type Subscriber struct {
	//dodge composite: 	ID        uint
	//dodge composite: 	Card      string         `gorm:"uniqueIndex:idx_card_deleted"`
	//dodge composite: 	DeletedAt gorm.DeletedAt `gorm:"uniqueIndex:idx_card_deleted"`
	//dodge composite: }
	//dodge no-index: type Subscriber struct {
	//dodge no-index: 	ID        uint
	//dodge no-index: 	Card      string
	//dodge no-index: 	DeletedAt gorm.DeletedAt
	//dodge no-index: }
	//dodge wrong-where: type Subscriber struct {
	//dodge wrong-where: 	ID        uint
	//dodge wrong-where: 	Card      string `gorm:"uniqueIndex:idx_live_card,where:card IS NOT NULL"`
	//dodge wrong-where: 	DeletedAt gorm.DeletedAt
	//dodge wrong-where: }
	//honest index-unique: type Subscriber struct {
	//honest index-unique: 	ID        uint
	//honest index-unique: 	Card      string `gorm:"index:idx_subscriber_card,unique,where:deleted_at IS NULL"`
	//honest index-unique: 	DeletedAt gorm.DeletedAt
	//honest index-unique: }
	// ✎ end

	require.NoError(t, db.AutoMigrate(&Subscriber{}))
	require.NoError(t, db.Create(&Subscriber{Card: "A-100"}).Error)
	require.NoError(t, db.Where("card = ?", "A-100").Delete(&Subscriber{}).Error)

	require.NoError(t, db.Create(&Subscriber{Card: "A-100"}).Error, "a deleted card number can be used again")
	err := db.Create(&Subscriber{Card: "A-100"}).Error
	assert.ErrorIs(t, err, gorm.ErrDuplicatedKey, "two live subscribers may not share a card")
	var stored int64
	require.NoError(t, db.Unscoped().Model(&Subscriber{}).Count(&stored).Error)
	assert.EqualValues(t, 2, stored, "the deleted subscriber is still there")
}

package connecting

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestImportInOneTransaction: import tags in one transaction, where a duplicate undoes only itself, under the request's context.
//
// A batch import should commit once, yet one bad row (a tag that exists
// already: names are unique) must not sink the others. Give each row its
// own nested Transaction — a SAVEPOINT — and count the ones that stuck. Run
// it all under ctx, so a cancelled request sends nothing. Ignoring the
// failed INSERT and carrying on happens to work on SQLite, but on
// PostgreSQL a failed statement aborts the whole transaction: only the
// savepoint makes this portable.
//
// Hint: db.WithContext(ctx).Transaction(func(tx) …), and inside it one
// tx.Transaction(func(inner) …) per name. An inner error rolls back to its
// savepoint; do not return it from the outer callback.
//
// Docs: https://gorm.io/docs/transactions.html#Nested-Transactions
func TestImportInOneTransaction(t *testing.T) {
	db, queries := fixtures.Library(t)

	// ✎ make importTags add every new name, skip duplicates, in one transaction under ctx
	//koan: importTags := func(ctx context.Context, db *gorm.DB, names []string) (added int, err error) {
	//koan: 	for _, name := range names {
	//koan: 		if db.Create(&fixtures.Tag{Name: name}).Error == nil {
	//koan: 			added++
	//koan: 		}
	//koan: 	}
	//koan: 	return added, nil
	//koan: }
	//dodge no-savepoint: importTags := func(ctx context.Context, db *gorm.DB, names []string) (added int, err error) {
	//dodge no-savepoint: 	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
	//dodge no-savepoint: 		for _, name := range names {
	//dodge no-savepoint: 			if tx.Create(&fixtures.Tag{Name: name}).Error == nil {
	//dodge no-savepoint: 				added++
	//dodge no-savepoint: 			}
	//dodge no-savepoint: 		}
	//dodge no-savepoint: 		return nil
	//dodge no-savepoint: 	})
	//dodge no-savepoint: 	return added, err
	//dodge no-savepoint: }
	//dodge check-first: importTags := func(ctx context.Context, db *gorm.DB, names []string) (added int, err error) {
	//dodge check-first: 	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
	//dodge check-first: 		for _, name := range names {
	//dodge check-first: 			var n int64
	//dodge check-first: 			if err := tx.Model(&fixtures.Tag{}).Where("name = ?", name).Count(&n).Error; err != nil || n > 0 {
	//dodge check-first: 				continue
	//dodge check-first: 			}
	//dodge check-first: 			if err := tx.Create(&fixtures.Tag{Name: name}).Error; err != nil {
	//dodge check-first: 				return err
	//dodge check-first: 			}
	//dodge check-first: 			added++
	//dodge check-first: 		}
	//dodge check-first: 		return nil
	//dodge check-first: 	})
	//dodge check-first: 	return added, err
	//dodge check-first: }
	//dodge no-context: importTags := func(ctx context.Context, db *gorm.DB, names []string) (added int, err error) {
	//dodge no-context: 	err = db.Transaction(func(tx *gorm.DB) error {
	//dodge no-context: 		for _, name := range names {
	//dodge no-context: 			if tx.Transaction(func(inner *gorm.DB) error { return inner.Create(&fixtures.Tag{Name: name}).Error }) == nil {
	//dodge no-context: 				added++
	//dodge no-context: 			}
	//dodge no-context: 		}
	//dodge no-context: 		return nil
	//dodge no-context: 	})
	//dodge no-context: 	return added, err
	//dodge no-context: }
	//dodge exec-savepoint: importTags := func(ctx context.Context, db *gorm.DB, names []string) (added int, err error) {
	//dodge exec-savepoint: 	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
	//dodge exec-savepoint: 		for _, name := range names {
	//dodge exec-savepoint: 			tx.Exec("SAVEPOINT sp")
	//dodge exec-savepoint: 			if tx.Create(&fixtures.Tag{Name: name}).Error == nil {
	//dodge exec-savepoint: 				added++
	//dodge exec-savepoint: 			} else {
	//dodge exec-savepoint: 				tx.Exec("ROLLBACK TO SAVEPOINT sp")
	//dodge exec-savepoint: 			}
	//dodge exec-savepoint: 		}
	//dodge exec-savepoint: 		return nil
	//dodge exec-savepoint: 	})
	//dodge exec-savepoint: 	return added, err
	//dodge exec-savepoint: }
	//dodge exec-begin: importTags := func(ctx context.Context, db *gorm.DB, names []string) (added int, err error) {
	//dodge exec-begin: 	s := db.WithContext(ctx).Session(&gorm.Session{SkipDefaultTransaction: true})
	//dodge exec-begin: 	if err = s.Exec("BEGIN").Error; err != nil {
	//dodge exec-begin: 		return 0, err
	//dodge exec-begin: 	}
	//dodge exec-begin: 	for _, name := range names {
	//dodge exec-begin: 		s.SavePoint("sp")
	//dodge exec-begin: 		if s.Create(&fixtures.Tag{Name: name}).Error == nil {
	//dodge exec-begin: 			added++
	//dodge exec-begin: 		} else {
	//dodge exec-begin: 			s.RollbackTo("sp")
	//dodge exec-begin: 		}
	//dodge exec-begin: 	}
	//dodge exec-begin: 	return added, s.Exec("COMMIT").Error
	//dodge exec-begin: }
	//honest begin-savepoints: importTags := func(ctx context.Context, db *gorm.DB, names []string) (added int, err error) {
	//honest begin-savepoints: 	tx := db.WithContext(ctx).Begin()
	//honest begin-savepoints: 	if tx.Error != nil {
	//honest begin-savepoints: 		return 0, tx.Error
	//honest begin-savepoints: 	}
	//honest begin-savepoints: 	for i, name := range names {
	//honest begin-savepoints: 		sp := "tag" + strconv.Itoa(i)
	//honest begin-savepoints: 		if err := tx.SavePoint(sp).Error; err != nil {
	//honest begin-savepoints: 			tx.Rollback()
	//honest begin-savepoints: 			return 0, err
	//honest begin-savepoints: 		}
	//honest begin-savepoints: 		if tx.Create(&fixtures.Tag{Name: name}).Error == nil {
	//honest begin-savepoints: 			added++
	//honest begin-savepoints: 		} else if err := tx.RollbackTo(sp).Error; err != nil {
	//honest begin-savepoints: 			tx.Rollback()
	//honest begin-savepoints: 			return 0, err
	//honest begin-savepoints: 		}
	//honest begin-savepoints: 	}
	//honest begin-savepoints: 	return added, tx.Commit().Error
	//honest begin-savepoints: }
	importTags := func(ctx context.Context, db *gorm.DB, names []string) (added int, err error) {
		err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
			for _, name := range names {
				if tx.Transaction(func(inner *gorm.DB) error { return inner.Create(&fixtures.Tag{Name: name}).Error }) == nil {
					added++
				}
			}
			return nil
		})
		return added, err
	}
	// ✎ end

	added, err := importTags(t.Context(), db, []string{"memoir", "fantasy", "essay"})
	require.NoError(t, err)
	sent := queries.Keywords()
	builtSavepoints(t, queries, 3)     // one per name, by GORM's transaction API
	queries.InTransaction(t, "INSERT") // in a transaction GORM opened
	var names []string
	require.NoError(t, db.Model(&fixtures.Tag{}).Where("name IN ?", []string{"memoir", "fantasy", "essay"}).Order("name").Pluck("name", &names).Error)

	assert.Equal(t, 2, added, `"fantasy" exists already`)
	assert.Equal(t, []string{"essay", "fantasy", "memoir"}, names)
	assert.Equal(t, []string{"BEGIN", "SAVEPOINT", "INSERT", "SAVEPOINT", "INSERT", "ROLLBACK", "SAVEPOINT", "INSERT", "COMMIT"}, sent,
		"one transaction, one savepoint per name, the duplicate rolled back to its own")

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	queries.Reset()
	_, err = importTags(ctx, db, []string{"poems"})
	assert.ErrorIs(t, err, context.Canceled)
	assert.Zero(t, queries.Len(), "a cancelled request sends nothing")
}

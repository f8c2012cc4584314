package migrations

import (
	"testing"

	"github.com/go-gormigrate/gormigrate/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestRollbackLastUndoesOneStep: RollbackLast undoes the last migration of your list that has run, and forgets it.
//
// A bad deployment is undone one step at a time. RollbackLast finds the last
// migration in your list that has run, calls its Rollback and deletes its ID
// from the migrations table, so the next Migrate would run it again.
//
// Hint: readerMigrations() lists three steps: readers, then its email column,
// then loans. Which one is "last", and what did its Rollback do?
// Docs: https://pkg.go.dev/github.com/go-gormigrate/gormigrate/v2#Gormigrate.RollbackLast
func TestRollbackLastUndoesOneStep(t *testing.T) {
	db, _ := fixtures.Empty(t)
	m := gormigrate.New(db, gormigrate.DefaultOptions, readerMigrations())
	require.NoError(t, m.Migrate())

	require.NoError(t, m.RollbackLast())

	assert.Equal(t /*__*/, 2, len(migrationIDs(t, db)))                         // how many migrations are still recorded?
	assert.Equal(t /*__*/, false, db.Migrator().HasTable(&Loan{}))              // is there a loans table?
	assert.Equal(t /*__*/, true, db.Migrator().HasColumn(&ReaderV2{}, "email")) // does readers still have its email?
}

// TestMigrateToStopsAtAnID: MigrateTo applies the list up to and including one ID.
//
// Sometimes you want the schema at a known version: to reproduce a bug, or
// to run a data fix between two steps. MigrateTo walks the list in order and
// stops after the ID you name; a later Migrate picks up where it stopped.
//
// Hint: "up to" includes the ID itself.
// Docs: https://pkg.go.dev/github.com/go-gormigrate/gormigrate/v2#Gormigrate.MigrateTo
func TestMigrateToStopsAtAnID(t *testing.T) {
	db, _ := fixtures.Empty(t)
	m := gormigrate.New(db, gormigrate.DefaultOptions, readerMigrations())

	require.NoError(t, m.MigrateTo("202402010800_add_readers_email"))
	stopped := migrationIDs(t, db)
	hadLoans := db.Migrator().HasTable(&Loan{})
	require.NoError(t, m.Migrate())

	assert.Equal(t /*__*/, 2, len(stopped))             // how many had run after MigrateTo?
	assert.Equal(t /*__*/, false, hadLoans)             // was there a loans table then?
	assert.Equal(t /*__*/, 3, len(migrationIDs(t, db))) // and after Migrate?
}

// TestMigrationsRunInListOrder: gormigrate runs your list in order and never sorts it by ID.
//
// IDs are names, not a clock: gormigrate walks the slice you give it and runs
// whatever has not run yet. A migration merged late with an older ID, slipped
// into the middle of the list, runs *after* the newer ones already applied in
// production. And RollbackLast means "last in the list", not "last to run".
// Keep the list sorted by ID and only ever append to it.
//
// Hint: follow the two deployments: the first knows A and C, the second A, B
// and C. Note what each Migrate and Rollback appends.
// Docs: https://pkg.go.dev/github.com/go-gormigrate/gormigrate/v2#Gormigrate.Migrate
func TestMigrationsRunInListOrder(t *testing.T) {
	db, _ := fixtures.Empty(t)
	var ran, undone []string
	step := func(id string) *gormigrate.Migration {
		return &gormigrate.Migration{
			ID:       id,
			Migrate:  func(*gorm.DB) error { ran = append(ran, id); return nil },
			Rollback: func(*gorm.DB) error { undone = append(undone, id); return nil },
		}
	}
	a, b, c := step("2024-01-A"), step("2024-02-B"), step("2024-03-C")

	require.NoError(t, gormigrate.New(db, gormigrate.DefaultOptions, []*gormigrate.Migration{a, c}).Migrate())
	second := gormigrate.New(db, gormigrate.DefaultOptions, []*gormigrate.Migration{a, b, c})
	require.NoError(t, second.Migrate())
	require.NoError(t, second.RollbackLast())

	assert.Equal(t /*__*/, []string{"2024-01-A", "2024-03-C", "2024-02-B"}, ran) // in which order did the migrations run?
	assert.Equal(t /*__*/, []string{"2024-03-C"}, undone)                        // which one did RollbackLast undo?
}

package session

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestUpsertNeedsAConflictTarget: without Columns, GORM picks an upsert's conflict target itself — and it is not your unique key.
//
// clause.OnConflict turns an INSERT into an upsert. Its Columns are the
// conflict target: the unique key whose clash means "this row exists". Leave
// them out and GORM decides from what the model tells it, which knows
// nothing of the clash you had in mind. The target decides everything
// else: which rows the INSERT can ever clash with, and so whether a clash
// elsewhere is updated, ignored, or an error. (MySQL has no conflict
// target: its ON DUPLICATE KEY UPDATE fires on a clash with any unique
// key, GORM's Columns unused; TestOnDuplicateKeyUpdateCountsTwo is its
// koan.)
//
// Hint: Terry Pratchett is already in the library, authors.name is a
// unique index, and both new structs have ID 0. Which clash could each
// INSERT's target catch? After your first try, read their ON CONFLICT.
//
// Database: sqlite, postgres
// Docs: https://gorm.io/docs/create.html#upsert
// SQL: after first try
func TestUpsertNeedsAConflictTarget(t *testing.T) {
	db, queries := fixtures.Library(t, fixtures.WithConfig(func(c *gorm.Config) { c.TranslateError = true }))

	updateAll := fixtures.Author{Name: "Terry Pratchett", Country: "Discworld"}
	err := db.Clauses(clause.OnConflict{UpdateAll: true}).Create(&updateAll).Error
	target := conflictTarget(queries.Statements()[1].SQL)

	doNothing := fixtures.Author{Name: "Terry Pratchett", Country: "Discworld"}
	require.NoError(t, db.Clauses(clause.OnConflict{DoNothing: true}).Create(&doNothing).Error)

	var stored fixtures.Author
	require.NoError(t, db.First(&stored, 2).Error)

	assert.Equal(t, queries.Spelled(___), target)              // the conflict target GORM chose for UpdateAll?
	assert.Equal(t, __, errors.Is(err, gorm.ErrDuplicatedKey)) // did that upsert fail on the unique name?
	assert.Equal(t, __, int(doNothing.ID))                     // the ID DoNothing left in the struct?
	assert.Equal(t, ___, stored.Country)                       // the country stored for Pratchett?
}

// conflictTarget is what an INSERT names between ON CONFLICT and DO.
func conflictTarget(insert string) string {
	_, after, _ := strings.Cut(insert, "ON CONFLICT ")
	target, _, _ := strings.Cut(after, "DO ")
	return strings.TrimSpace(target)
}

// TestUpsertOnAUniqueColumn: import authors by name in one INSERT: new ones added, known ones get the new country.
//
// An import that checks "does it exist?" row by row sends two statements
// per row, and races with anyone inserting meanwhile. An upsert asks the
// database to decide, in one statement: clause.OnConflict with Columns (the
// unique key that identifies a row) and DoUpdates (which columns a clash
// overwrites: clause.AssignmentColumns lists them). UpdateAll would
// overwrite every column, zeros included. (On MySQL the same OnConflict
// is ON DUPLICATE KEY UPDATE, with no target to name: any unique key
// clashes.)
//
// Hint: the authors are identified by name; the import knows their country,
// not their year of birth, so only country may change on a clash. Put the
// OnConflict in Clauses, before Create.
//
// Database: sqlite, postgres
// Docs: https://gorm.io/docs/create.html#upsert
func TestUpsertOnAUniqueColumn(t *testing.T) {
	db, queries := fixtures.Library(t)

	incoming := []fixtures.Author{
		{Name: "Terry Pratchett", Country: "England"}, // known: born 1948
		{Name: "N. K. Jemisin", Country: "United States"},
	}
	// ✎ insert the new author and update the known one's country, in one INSERT
	require.NoError(t, db.Create(&incoming).Error)
	// ✎ end

	queries.Built(t, "INSERT", "ON CONFLICT")
	assert.Equal(t, []string{"BEGIN", "INSERT", "COMMIT"}, queries.Keywords(), "one INSERT does it all")
	assert.Equal(t, queries.Spelled("(`name`)"), conflictTarget(queries.Statements()[1].SQL), "the unique column is the conflict target")
	var pratchett fixtures.Author
	require.NoError(t, db.Where("name = ?", "Terry Pratchett").First(&pratchett).Error)
	assert.Equal(t, "England", pratchett.Country)
	assert.Equal(t, 1948, pratchett.Born, "the import knew no year of birth: keep the stored one")
	var n int64
	require.NoError(t, db.Model(&fixtures.Author{}).Count(&n).Error)
	assert.EqualValues(t, 10, n)
}

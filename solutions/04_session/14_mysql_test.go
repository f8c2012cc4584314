//go:build koans_mysql

package session

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm/clause"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestOnDuplicateKeyUpdateCountsTwo: on MySQL an upsert's RowsAffected says what happened: 1 inserted, 2 updated, 0 left as it was.
//
// MySQL has no ON CONFLICT: clause.OnConflict becomes INSERT … ON DUPLICATE
// KEY UPDATE, which fires on a clash with any unique key of the table — the
// primary key, authors.name, any other — so GORM's Columns are not written
// at all. What the row went through comes back in the affected-rows count,
// by MySQL's own convention: 1 for a new row, 2 for an existing row the
// UPDATE changed, 0 for one it left as it was (the driver's default; with
// clientFoundRows=true in the DSN, 1).
//
// Hint: Terry Pratchett is in the library with the country "United
// Kingdom"; N. K. Jemisin is not. The same upsert runs three times.
//
// Database: mysql
// Docs: https://gorm.io/docs/create.html#upsert
// SQL: after first try
func TestOnDuplicateKeyUpdateCountsTwo(t *testing.T) {
	db, queries := fixtures.Library(t)
	upsert := func(name, country string) int64 {
		result := db.Clauses(clause.OnConflict{DoUpdates: clause.AssignmentColumns([]string{"country"})}).
			Create(&fixtures.Author{Name: name, Country: country})
		require.NoError(t, result.Error)
		return result.RowsAffected
	}

	added := upsert("N. K. Jemisin", "United States")
	changed := upsert("Terry Pratchett", "England")
	same := upsert("Terry Pratchett", "England")
	require.Contains(t, queries.Statements()[1].SQL, "ON DUPLICATE KEY UPDATE `country`=VALUES(`country`)")

	assert.Equal(t /*__*/, 1, int(added))   // RowsAffected for Jemisin, a new row?
	assert.Equal(t /*__*/, 2, int(changed)) // for Pratchett, whose country changed?
	assert.Equal(t /*__*/, 0, int(same))    // for Pratchett again, nothing to change?
}

// TestUpsertOnMySQL: import authors in one INSERT on MySQL: new ones added, known ones get the new country.
//
// The import of TestUpsertOnAUniqueColumn, on MySQL: one INSERT … ON
// DUPLICATE KEY UPDATE, built by clause.OnConflict. There is no conflict
// target to name (any unique key clashes, here authors.name); what you
// choose is what a clash overwrites: DoUpdates with
// clause.AssignmentColumns, written `country`=VALUES(`country`), the value
// the INSERT proposed. UpdateAll overwrites every column, zeros included,
// and INSERT IGNORE (clause.Insert{Modifier: "IGNORE"}) overwrites nothing
// and turns every error into a warning.
//
// Hint: the import knows the authors' country, not their year of birth:
// only country may change on a clash. Put the OnConflict in Clauses,
// before Create.
//
// Database: mysql
// Docs: https://gorm.io/docs/create.html#upsert
func TestUpsertOnMySQL(t *testing.T) {
	db, queries := fixtures.Library(t)

	incoming := []fixtures.Author{
		{Name: "Terry Pratchett", Country: "England"}, // known: born 1948
		{Name: "N. K. Jemisin", Country: "United States"},
	}
	// ✎ insert the new author and update the known one's country, in one INSERT
	//koan: require.NoError(t, db.Create(&incoming).Error)
	require.NoError(t, db.Clauses(clause.OnConflict{
		DoUpdates: clause.AssignmentColumns([]string{"country"}),
	}).Create(&incoming).Error)
	//dodge update-all: require.NoError(t, db.Clauses(clause.OnConflict{UpdateAll: true}).Create(&incoming).Error)
	//dodge insert-ignore: require.NoError(t, db.Clauses(clause.Insert{Modifier: "IGNORE"}).Create(&incoming).Error)
	//dodge check-then-insert: for i := range incoming {
	//dodge check-then-insert: 	var found fixtures.Author
	//dodge check-then-insert: 	if db.Where("name = ?", incoming[i].Name).Limit(1).Find(&found).RowsAffected == 1 {
	//dodge check-then-insert: 		require.NoError(t, db.Model(&found).Update("country", incoming[i].Country).Error)
	//dodge check-then-insert: 	} else {
	//dodge check-then-insert: 		require.NoError(t, db.Create(&incoming[i]).Error)
	//dodge check-then-insert: 	}
	//dodge check-then-insert: }
	//dodge raw-sql: require.NoError(t, db.Exec("INSERT INTO `authors` (`name`,`country`) VALUES (?,?),(?,?) ON DUPLICATE KEY UPDATE `country`=VALUES(`country`)",
	//dodge raw-sql: 	incoming[0].Name, incoming[0].Country, incoming[1].Name, incoming[1].Country).Error)
	//honest named-target: require.NoError(t, db.Clauses(clause.OnConflict{
	//honest named-target: 	Columns:   []clause.Column{{Name: "name"}},
	//honest named-target: 	DoUpdates: clause.Assignments(map[string]any{"country": clause.Expr{SQL: "VALUES(country)"}}),
	//honest named-target: }).Create(&incoming).Error)
	// ✎ end

	queries.Built(t, "INSERT", "ON CONFLICT")
	assert.Equal(t, []string{"BEGIN", "INSERT", "COMMIT"}, queries.Keywords(), "one INSERT does it all")
	assert.Contains(t, queries.Statements()[1].SQL, "ON DUPLICATE KEY UPDATE", "a clash updates")
	var pratchett fixtures.Author
	require.NoError(t, db.Where("name = ?", "Terry Pratchett").First(&pratchett).Error)
	assert.Equal(t, "England", pratchett.Country)
	assert.Equal(t, 1948, pratchett.Born, "the import knew no year of birth: keep the stored one")
	var n int64
	require.NoError(t, db.Model(&fixtures.Author{}).Count(&n).Error)
	assert.EqualValues(t, 10, n)
}

// TestIdsWithoutReturning: MySQL's INSERT returns no rows: GORM numbers a batch from one LAST_INSERT_ID.
//
// PostgreSQL and SQLite answer INSERT … RETURNING "id" with the new ids.
// MySQL has no RETURNING: the server answers an INSERT with how many rows
// it wrote and one number, the AUTO_INCREMENT id of the *first* row
// (database/sql's Result.LastInsertId). For a batch GORM works out the
// others itself, counting up from it by the model's AutoIncrementIncrement
// (1 unless its tag says otherwise) — right as long as the server hands
// out one consecutive run per INSERT, which InnoDB does for a plain
// multi-row INSERT. A server set to another auto_increment_increment
// (Galera clusters use it) needs the tag, or the ids in your structs are
// wrong.
//
// Hint: the seed has 32 books, numbered 1 to 32. Count the statements, and
// ask what could have told GORM the second and third ids.
//
// Database: mysql
// Docs: https://gorm.io/docs/create.html#Batch-Insert
// SQL: after first try
func TestIdsWithoutReturning(t *testing.T) {
	db, queries := fixtures.Library(t)
	books := []fixtures.Book{{Title: "Kindred", AuthorID: 3}, {Title: "Dawn", AuthorID: 3}, {Title: "Fledgling", AuthorID: 3}}
	require.NoError(t, db.Create(&books).Error)
	insert := queries.Statements()[1].SQL

	assert.Equal(t /*__*/, false, strings.Contains(insert, "RETURNING"))                      // did the INSERT ask for the ids back?
	assert.Equal(t /*__*/, 3, queries.Len())                                                  // how many statements did Create send, BEGIN and COMMIT counted?
	assert.Equal(t /*__*/, []uint{33, 34, 35}, []uint{books[0].ID, books[1].ID, books[2].ID}) // the ids GORM put in the three structs?
}

// TestBatchIdsOnAStepOfTwo: when the server numbers rows two by two, tell the model, or GORM puts the wrong ids in a batch's structs.
//
// Without RETURNING, a multi-row INSERT tells GORM one id, the first
// row's; GORM counts the others up from it by the primary key's
// AutoIncrementIncrement, 1 unless its tag says otherwise. A server set to
// hand out ids in steps (auto_increment_increment; a Galera or
// multi-primary cluster sets it to the number of nodes, each node its own
// offset) gives the rows 1, 3, 5 while GORM writes 1, 2, 3 into your
// structs — wrong ids, saved later onto the wrong rows, and no error
// anywhere. The connection below is such a node.
//
// Hint: the model must say how the server counts: look for the tag that
// carries the increment, next to autoIncrement.
//
// Database: mysql
// Docs: https://gorm.io/docs/models.html#Fields-Tags
func TestBatchIdsOnAStepOfTwo(t *testing.T) {
	db, queries := fixtures.Empty(t)
	pool, err := db.DB()
	require.NoError(t, err)
	pool.SetMaxOpenConns(1) // one connection, so that the setting below holds for every statement
	require.NoError(t, db.Exec("SET SESSION auto_increment_increment = 2").Error)

	// ✎ ids handed out 1, 3, 5…: make GORM number the batch's structs as the server does
	//koan: type Hold struct {
	//koan: 	ID    uint
	//koan: 	Title string
	//koan: }
	//koan: require.NoError(t, db.AutoMigrate(&Hold{}))
	//koan: holds := []Hold{{Title: "Kindred"}, {Title: "Dawn"}, {Title: "Fledgling"}}
	//koan: require.NoError(t, db.Create(&holds).Error)
	type Hold struct {
		ID    uint `gorm:"primaryKey;autoIncrementIncrement:2"`
		Title string
	}
	require.NoError(t, db.AutoMigrate(&Hold{}))
	holds := []Hold{{Title: "Kindred"}, {Title: "Dawn"}, {Title: "Fledgling"}}
	require.NoError(t, db.Create(&holds).Error)
	//dodge fix-ids-in-go: type Hold struct {
	//dodge fix-ids-in-go: 	ID    uint
	//dodge fix-ids-in-go: 	Title string
	//dodge fix-ids-in-go: }
	//dodge fix-ids-in-go: require.NoError(t, db.AutoMigrate(&Hold{}))
	//dodge fix-ids-in-go: holds := []Hold{{Title: "Kindred"}, {Title: "Dawn"}, {Title: "Fledgling"}}
	//dodge fix-ids-in-go: require.NoError(t, db.Create(&holds).Error)
	//dodge fix-ids-in-go: for i := range holds { holds[i].ID = holds[0].ID + uint(2*i) }
	//dodge one-by-one: type Hold struct {
	//dodge one-by-one: 	ID    uint
	//dodge one-by-one: 	Title string
	//dodge one-by-one: }
	//dodge one-by-one: require.NoError(t, db.AutoMigrate(&Hold{}))
	//dodge one-by-one: holds := []Hold{{Title: "Kindred"}, {Title: "Dawn"}, {Title: "Fledgling"}}
	//dodge one-by-one: for i := range holds { require.NoError(t, db.Create(&holds[i]).Error) }
	//dodge reload-by-title: type Hold struct {
	//dodge reload-by-title: 	ID    uint
	//dodge reload-by-title: 	Title string
	//dodge reload-by-title: }
	//dodge reload-by-title: require.NoError(t, db.AutoMigrate(&Hold{}))
	//dodge reload-by-title: holds := []Hold{{Title: "Kindred"}, {Title: "Dawn"}, {Title: "Fledgling"}}
	//dodge reload-by-title: require.NoError(t, db.Create(&holds).Error)
	//dodge reload-by-title: for i := range holds { require.NoError(t, db.Where("title = ?", holds[i].Title).Select("id").Take(&holds[i]).Error) }
	//dodge step-of-one: type Hold struct {
	//dodge step-of-one: 	ID    uint `gorm:"primaryKey;autoIncrement"`
	//dodge step-of-one: 	Title string
	//dodge step-of-one: }
	//dodge step-of-one: require.NoError(t, db.AutoMigrate(&Hold{}))
	//dodge step-of-one: holds := []Hold{{Title: "Kindred"}, {Title: "Dawn"}, {Title: "Fledgling"}}
	//dodge step-of-one: require.NoError(t, db.Create(&holds).Error)
	//honest increment-only: type Hold struct {
	//honest increment-only: 	ID    uint `gorm:"autoIncrementIncrement:2"`
	//honest increment-only: 	Title string
	//honest increment-only: }
	//honest increment-only: require.NoError(t, db.AutoMigrate(&Hold{}))
	//honest increment-only: holds := []Hold{{Title: "Kindred"}, {Title: "Dawn"}, {Title: "Fledgling"}}
	//honest increment-only: require.NoError(t, db.CreateInBatches(&holds, 10).Error)
	// ✎ end

	assert.Equal(t, 1, queries.Count("INSERT"), "one INSERT for the batch")
	more := []Hold{{Title: "Lilith's Brood"}, {Title: "Wild Seed"}}
	require.NoError(t, db.Create(&more).Error)
	stored := map[string]uint{}
	var rows []Hold
	require.NoError(t, db.Find(&rows).Error)
	for _, r := range rows {
		stored[r.Title] = r.ID
	}
	for _, h := range append(holds, more...) {
		assert.Equal(t, int(stored[h.Title]), int(h.ID), "the id in the struct of %q is its row's", h.Title)
	}
}

package session

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm/clause"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// Loan is a book lent out; PostgreSQL makes its code.
type Loan struct {
	ID     uint
	BookID uint
	Code   string `gorm:"type:uuid;default:gen_random_uuid()"`
}

// TestCreateReturnsWhatTheDatabaseMade: on PostgreSQL, Create's one INSERT … RETURNING brings back the id and every default the database computed.
//
// The database, not Go, decides some values of a new row: the id from the
// table's sequence, a default written in SQL such as gen_random_uuid().
// PostgreSQL's INSERT can end with RETURNING and answer with them in the
// same round trip, and GORM asks for every column whose default it cannot
// compute itself, then fills the struct. No SELECT after the INSERT.
// (MySQL has no RETURNING: GORM reads the last insert id there, and a
// computed default stays unknown until you load the row again.)
//
// Hint: which values of the new loan did Go not know when it built the
// INSERT? Those are the ones the database must send back.
//
// Database: postgres
// Docs: https://gorm.io/docs/create.html#Default-Values
// SQL: after first try
func TestCreateReturnsWhatTheDatabaseMade(t *testing.T) {
	db, queries := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&Loan{}))
	queries.Reset()

	loan := Loan{BookID: 3}
	require.NoError(t, db.Create(&loan).Error)

	insert := queries.Statements()[1].SQL
	returned := strings.Split(strings.ReplaceAll(sqlAfter(insert, "RETURNING "), `"`, ""), ",")
	assert.Len(t, loan.Code, 36, "the uuid PostgreSQL made is in the struct")

	assert.Equal(t /*__*/, []string{"BEGIN", "INSERT", "COMMIT"}, queries.Keywords()) // the statements Create sent?
	assert.ElementsMatch(t /*__*/, []string{"id", "code"}, returned)                  // the columns the INSERT asked back?
	assert.Equal(t /*__*/, 1, int(loan.ID))                                           // the ID the struct holds now?
}

// TestUpsertOnPostgres: on PostgreSQL an upsert returns the existing row's id, burns a sequence value, and may not touch one row twice.
//
// clause.OnConflict{Columns, DoUpdates: clause.AssignmentColumns(…)} is
// INSERT … ON CONFLICT (name) DO UPDATE SET …: where the row would clash
// on the unique key, PostgreSQL updates the existing row instead, with the
// values proposed for it, which it calls "excluded". RETURNING answers for
// updated rows too, so every struct gets its row's id. The sequence is
// asked for a new id before the clash is found, and never gives it back.
// And one INSERT that proposes the same key twice is refused (SQLSTATE
// 21000, "cannot affect row a second time"): deduplicate a batch first.
//
// Hint: Terry Pratchett (id 2) is already there, the seed's last author has
// id 9, and each proposed row asks the sequence for an id.
//
// Database: postgres
// Docs: https://gorm.io/docs/create.html#upsert
// SQL: after first try
func TestUpsertOnPostgres(t *testing.T) {
	db, queries := fixtures.Library(t)
	byName := clause.OnConflict{
		Columns:   []clause.Column{{Name: "name"}},
		DoUpdates: clause.AssignmentColumns([]string{"country"}),
	}

	incoming := []fixtures.Author{
		{Name: "Terry Pratchett", Country: "England"},
		{Name: "N. K. Jemisin", Country: "United States"},
	}
	require.NoError(t, db.Clauses(byName).Create(&incoming).Error)
	set := strings.TrimSpace(sqlBefore(sqlAfter(queries.Statements()[1].SQL, "DO UPDATE SET "), "RETURNING"))

	twice := []fixtures.Author{{Name: "Ted Chiang", Country: "US"}, {Name: "Ted Chiang", Country: "United States"}}
	twiceErr := db.Clauses(byName).Create(&twice).Error

	assert.Equal(t /*___*/, `"country"="excluded"."country"`, set) // what the INSERT sets on a clash?
	assert.Equal(t /*__*/, 2, int(incoming[0].ID))                 // the ID Pratchett's struct holds?
	assert.Equal(t /*__*/, 11, int(incoming[1].ID))                // the ID Jemisin was given?
	assert.Equal(t /*__*/, true, twiceErr != nil)                  // was the batch with Ted Chiang twice refused?
}

// sqlAfter is what follows the first sep in s ("" when there is none).
func sqlAfter(s, sep string) string {
	_, rest, _ := strings.Cut(s, sep)
	return rest
}

// sqlBefore is what precedes the first sep in s (all of s when there is none).
func sqlBefore(s, sep string) string {
	head, _, _ := strings.Cut(s, sep)
	return head
}

//go:build koans_postgres

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
// Hint: which columns of Loan have a default that only the database can
// compute? GORM decides what to ask back from the model, before it looks
// at the values of the one struct it inserts.
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

	returned := func(insert string) []string {
		return strings.Split(strings.ReplaceAll(sqlAfter(insert, "RETURNING "), `"`, ""), ",")
	}
	first := returned(queries.Statements()[1].SQL)
	assert.Len(t, loan.Code, 36, "the uuid PostgreSQL made is in the struct")
	assert.Equal(t, []string{"BEGIN", "INSERT", "COMMIT"}, queries.Keywords(), "no SELECT after the INSERT")

	queries.Reset()
	given := Loan{BookID: 4, Code: "0b5e8f8e-3c1a-4d2b-9f6e-7a1c2d3e4f50"}
	require.NoError(t, db.Create(&given).Error)
	second := returned(queries.Statements()[1].SQL)

	assert.ElementsMatch(t /*__*/, []string{"id", "code"}, first)  // the columns the first INSERT asked back?
	assert.Equal(t /*__*/, 1, int(loan.ID))                        // the ID the first loan holds now?
	assert.ElementsMatch(t /*__*/, []string{"id", "code"}, second) // and the columns asked back for a loan whose Code Go gave?
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
// Hint: Terry Pratchett (id 2, born 1948) is already there, the seed's
// last author has id 9, and each proposed row asks the sequence for an id.
// The incoming structs know no year of birth.
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
	require.Equal(t, `"country"="excluded"."country"`, set, "a clash updates the country only")
	var pratchett fixtures.Author
	require.NoError(t, db.First(&pratchett, 2).Error)

	twice := []fixtures.Author{{Name: "Ted Chiang", Country: "US"}, {Name: "Ted Chiang", Country: "United States"}}
	twiceErr := db.Clauses(byName).Create(&twice).Error

	assert.Equal(t /*__*/, 1948, pratchett.Born)    // Pratchett's year of birth stored now?
	assert.Equal(t /*__*/, 2, int(incoming[0].ID))  // the ID Pratchett's struct holds?
	assert.Equal(t /*__*/, 11, int(incoming[1].ID)) // the ID Jemisin was given?
	assert.Equal(t /*__*/, true, twiceErr != nil)   // was the batch with Ted Chiang twice refused?
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

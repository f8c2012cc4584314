package models

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// BookReview and Person are here only for their names.
type BookReview struct {
	ID    uint
	Stars int
}

type Person struct {
	ID   uint
	Name string
}

// TestTablesArePluralSnakeCase: a struct's table is its name in snake_case, made plural.
//
// You never told GORM a table name: it derived one from the Go type. The words
// of the name are split at the capitals and joined with underscores, and the
// last word is made plural the way English does it, not by sticking on an "s".
//
// Hint: AutoMigrate asks SQLite whether each table exists before creating it;
// the SQL below names them. Think of "one person, two …".
func TestTablesArePluralSnakeCase(t *testing.T) {
	db, _ := fixtures.Empty(t)

	require.NoError(t, db.AutoMigrate(&BookReview{}, &Person{}))

	assert.True(t, db.Migrator().HasTable(___)) // which table holds BookReviews?
	assert.True(t, db.Migrator().HasTable(___)) // and which holds Persons?
}

// Edition has fields whose names are initialisms, as Go style wants them.
type Edition struct {
	ID          uint
	ISBN        string
	HTTPURL     string
	PublisherID uint
}

// TestInitialismsStayTogether: ISBN becomes isbn and HTTPURL becomes http_url, not h_t_t_p_u_r_l.
//
// Column names follow the same snake_case rule as tables, but GORM keeps
// initialisms whole: it knows common ones (ID, HTTP, URL, JSON…) as words of
// their own, and reads any other run of capitals, like ISBN, as one word up
// to the capital that starts the next. So Go keeps its ID/URL spelling and
// SQL keeps its lower-case one.
//
// Hint: read the CREATE TABLE below, or split each field name into words and
// write them lower-case with underscores.
func TestInitialismsStayTogether(t *testing.T) {
	db, _ := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&Edition{}))

	columns, err := db.Migrator().ColumnTypes(&Edition{})
	require.NoError(t, err)
	var names []string
	for _, c := range columns {
		names = append(names, c.Name())
	}

	assert.Contains(t, names, ___) // the column of ISBN?
	assert.Contains(t, names, ___) // of HTTPURL?
	assert.Contains(t, names, ___) // of PublisherID?
}

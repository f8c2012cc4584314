package migrations

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// Novel is the first version of a model: AutoMigrate creates its table.
type Novel struct {
	ID    uint
	Title string `gorm:"not null"`
	Year  int    `gorm:"index"`
}

// TestAutoMigrateCreatesWhatIsMissing: AutoMigrate reads a struct and creates the table it implies.
//
// AutoMigrate compares your structs with what the database has and creates
// whatever is missing: tables, columns, indexes, foreign keys. On an empty
// database that means everything, one CREATE per table and per index.
// (On MySQL, GORM writes the indexes into CREATE TABLE: one CREATE.)
//
// Hint: the Year field carries an index tag; read the DDL the recorder shows.
//
// Database: sqlite, postgres
// Docs: https://gorm.io/docs/migration.html#Auto-Migration
// SQL: after first try
func TestAutoMigrateCreatesWhatIsMissing(t *testing.T) {
	db, queries := fixtures.Empty(t)

	before := db.Migrator().HasTable(&Novel{})
	require.NoError(t, db.AutoMigrate(&Novel{}))
	cols, err := db.Migrator().ColumnTypes(&Novel{})
	require.NoError(t, err)
	var columns []string
	for _, c := range cols {
		columns = append(columns, c.Name())
	}

	assert.Equal(t /*__*/, false, before)                                  // was there a novels table before?
	assert.Equal(t /*__*/, []string{"id", "title", "year"}, columns)       // which columns has the table now?
	assert.Equal(t /*__*/, 2, queries.Count("CREATE"))                     // how many CREATE statements did it send?
	assert.Equal(t /*__*/, true, db.Migrator().HasIndex(&Novel{}, "Year")) // did it index year?
}

// TestAutoMigrateTwiceSendsNoDDL: running AutoMigrate on an up-to-date schema changes nothing, but still asks.
//
// Every service that calls AutoMigrate at start-up runs it against a schema
// that is already there. It is idempotent: it sends no DDL when nothing is
// missing. It is not free, though: to know that, it reads the schema, table
// by table, on every start. (On SQLite it reads sqlite_master; on
// PostgreSQL and MySQL, information_schema.)
//
// Hint: the recorder was reset between the two runs; what kinds of statement
// are left?
// Docs: https://gorm.io/docs/migration.html#Auto-Migration
// SQL: after first try
func TestAutoMigrateTwiceSendsNoDDL(t *testing.T) {
	db, queries := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&Novel{}))
	queries.Reset()

	require.NoError(t, db.AutoMigrate(&Novel{}))

	ddl := queries.Count("CREATE") + queries.Count("ALTER") + queries.Count("DROP")
	assert.Equal(t /*__*/, 0, ddl)                  // how many statements changed the schema?
	assert.Equal(t /*__*/, true, queries.Len() > 0) // did it send anything at all?
}

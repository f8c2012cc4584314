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
//
// Hint: the Year field carries an index tag; read the DDL the recorder shows.
func TestAutoMigrateCreatesWhatIsMissing(t *testing.T) {
	db, queries := fixtures.Empty(t)

	before := db.Migrator().HasTable(&Novel{})
	require.NoError(t, db.AutoMigrate(&Novel{}))

	assert.Equal(t, __, before)                                   // was there a novels table before?
	assert.Equal(t, __, db.Migrator().HasTable("novels"))         // and after?
	assert.Equal(t, __, queries.Count("CREATE"))                  // how many CREATE statements did it send?
	assert.Equal(t, __, db.Migrator().HasIndex(&Novel{}, "Year")) // did it index year?
}

// TestAutoMigrateTwiceSendsNoDDL: running AutoMigrate on an up-to-date schema changes nothing.
//
// Every service that calls AutoMigrate at start-up runs it against a schema
// that is already there. It is idempotent: it only looks (a few SELECTs on
// sqlite_master) and sends no DDL when nothing is missing.
//
// Hint: the recorder was reset between the two runs; what kinds of statement
// are left?
func TestAutoMigrateTwiceSendsNoDDL(t *testing.T) {
	db, queries := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&Novel{}))
	queries.Reset()

	require.NoError(t, db.AutoMigrate(&Novel{}))

	ddl := queries.Count("CREATE") + queries.Count("ALTER") + queries.Count("DROP")
	assert.Equal(t, __, ddl)                     // how many statements changed the schema?
	assert.Equal(t, __, queries.Count("SELECT")) // how many did it send just to look?
	assert.Contains(t, queries.SQL()[0], ___)    // which table describes SQLite's schema?
}

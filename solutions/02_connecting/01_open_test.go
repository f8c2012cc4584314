package connecting

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestOpenYourOwnDatabase: gorm.Open connects at once, and every ":memory:" database starts empty.
//
// gorm.Open takes a Dialector (which driver, which DSN) and a *gorm.Config, and
// pings the database before it returns, so a wrong DSN fails here and not at
// the first query. The *gorm.DB wraps a *sql.DB pool: close that pool when you
// are done. A ":memory:" database exists only inside the connection that made it.
//
// Hint: count the pool's connections before you have sent a single query of
// your own. Then ask what a second gorm.Open of ":memory:" starts with.
//
// Docs: https://gorm.io/docs/connecting_to_the_database.html#SQLite
// Database: sqlite
func TestOpenYourOwnDatabase(t *testing.T) {
	db, err := gorm.Open(fixtures.Dialector(fixtures.MemoryDSN()), &gorm.Config{})
	require.NoError(t, err)
	sqlDB, err := db.DB()
	require.NoError(t, err)
	t.Cleanup(func() { sqlDB.Close() })
	openedByOpen := sqlDB.Stats().OpenConnections

	require.NoError(t, db.AutoMigrate(&fixtures.Author{}))
	require.NoError(t, db.Create(&fixtures.Author{Name: "Mary Shelley"}).Error)

	other, err := gorm.Open(fixtures.Dialector(fixtures.MemoryDSN()), &gorm.Config{})
	require.NoError(t, err)
	otherSQL, err := other.DB()
	require.NoError(t, err)
	t.Cleanup(func() { otherSQL.Close() })

	assert.Equal(t /*__*/, 1, openedByOpen)                             // connections open right after gorm.Open?
	assert.Equal(t /*__*/, true, db.Migrator().HasTable("authors"))     // does the first database have the table?
	assert.Equal(t /*__*/, false, other.Migrator().HasTable("authors")) // does the second?
}

// TestQueryFieldsNamesTheColumns: a gorm.Config setting changes every query of the *gorm.DB it opened.
//
// gorm.Config holds the behaviour of one *gorm.DB: naming, logging,
// transactions, the SQL style. QueryFields makes GORM list the model's columns
// instead of writing SELECT *; a database opened without it keeps the default.
//
// Hint: two databases, the same model, the same question; only the Config
// differs. What must a SELECT look like that names the model's columns?
//
// Docs: https://gorm.io/docs/gorm_config.html
// SQL: after first try
func TestQueryFieldsNamesTheColumns(t *testing.T) {
	plain, plainQueries := fixtures.Library(t)
	named, namedQueries := fixtures.Library(t, fixtures.WithConfig(func(c *gorm.Config) {
		c.QueryFields = true
	}))

	var a, b fixtures.Author
	require.NoError(t, named.First(&a).Error)
	require.NoError(t, plain.First(&b).Error)

	assert.Equal(t /*__*/, false, strings.Contains(namedQueries.Last().SQL, "*")) // with QueryFields, does the SELECT say *?
	assert.Equal(t /*__*/, true, strings.Contains(plainQueries.Last().SQL, "*"))  // and without?
	assert.Equal(t, a, b)
}

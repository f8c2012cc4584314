package migrations

import (
	"strings"
	"testing"

	"ariga.io/atlas/sql/migrate"
	atlaspostgres "ariga.io/atlas/sql/postgres"
	"ariga.io/atlas/sql/schema"
	atlassqlite "ariga.io/atlas/sql/sqlite"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// liveSchema opens Atlas's driver for db's database (SQLite or PostgreSQL)
// on db's own connection pool (any database/sql connection will do: Atlas
// only sends queries) and inspects the schema the database has now.
// gormigrate's bookkeeping table is left out: no model describes it, so a
// plan would drop it.
func liveSchema(t *testing.T, db *gorm.DB) (migrate.Driver, *schema.Schema) {
	t.Helper()
	sqlDB, err := db.DB()
	require.NoError(t, err)
	open := atlassqlite.Open
	if db.Dialector.Name() == "postgres" {
		open = atlaspostgres.Open
	}
	drv, err := open(sqlDB)
	require.NoError(t, err)
	s, err := drv.InspectSchema(t.Context(), "", &schema.InspectOptions{Exclude: []string{"migrations"}})
	require.NoError(t, err)
	// On PostgreSQL every koan's database is a schema with a name of its
	// own: compare what the schemas hold, not what they are called, and
	// plan statements that name tables without a schema.
	s.Name = ""
	return drv, s
}

// modelSchema is the schema the models imply: AutoMigrate builds it in a
// scratch database, and Atlas inspects the result. The scratch database's
// own SQL is forgotten: it is not the koan's.
func modelSchema(t *testing.T, models ...any) *schema.Schema {
	t.Helper()
	scratch, queries := fixtures.Empty(t)
	require.NoError(t, scratch.AutoMigrate(models...))
	_, s := liveSchema(t, scratch)
	queries.Reset()
	return s
}

// planFor lists the statements Atlas plans to bring db's schema to the one
// the models imply, in order: the generated migration, before review.
func planFor(t *testing.T, db *gorm.DB, models ...any) []string {
	t.Helper()
	drv, current := liveSchema(t, db)
	changes, err := drv.SchemaDiff(current, modelSchema(t, models...))
	require.NoError(t, err)
	plan, err := drv.PlanChanges(t.Context(), "generated", changes)
	require.NoError(t, err)
	stmts := make([]string, len(plan.Changes))
	for i, c := range plan.Changes {
		stmts[i] = c.Cmd
	}
	return stmts
}

// drops reports whether a plan drops a table or a column: on SQLite a
// changed table is rebuilt (DROP TABLE), on PostgreSQL altered (DROP COLUMN).
func drops(plan []string) bool {
	for _, stmt := range plan {
		if strings.Contains(stmt, "DROP ") {
			return true
		}
	}
	return false
}

package migrations

import (
	"testing"

	"ariga.io/atlas/sql/migrate"
	"ariga.io/atlas/sql/schema"
	atlas "ariga.io/atlas/sql/sqlite"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// liveSchema opens Atlas's SQLite driver on db's own connection pool (any
// database/sql connection will do: Atlas only sends queries) and inspects
// the schema the database has now. gormigrate's bookkeeping table is left
// out: no model describes it, so a plan would drop it.
func liveSchema(t *testing.T, db *gorm.DB) (migrate.Driver, *schema.Schema) {
	t.Helper()
	sqlDB, err := db.DB()
	require.NoError(t, err)
	drv, err := atlas.Open(sqlDB)
	require.NoError(t, err)
	s, err := drv.InspectSchema(t.Context(), "", &schema.InspectOptions{Exclude: []string{"migrations"}})
	require.NoError(t, err)
	return drv, s
}

// modelSchema is the schema the models imply: AutoMigrate builds it in a
// scratch database, and Atlas inspects the result.
func modelSchema(t *testing.T, models ...any) *schema.Schema {
	t.Helper()
	scratch, err := gorm.Open(fixtures.Dialector(fixtures.MemoryDSN()), &gorm.Config{})
	require.NoError(t, err)
	sqlDB, err := scratch.DB()
	require.NoError(t, err)
	defer sqlDB.Close()
	sqlDB.SetMaxOpenConns(1) // one in-memory database lives in one connection
	require.NoError(t, scratch.AutoMigrate(models...))
	_, s := liveSchema(t, scratch)
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

package migrations

import (
	"fmt"
	"strings"
	"testing"

	"ariga.io/atlas/sql/migrate"
	atlasmysql "ariga.io/atlas/sql/mysql"
	atlaspostgres "ariga.io/atlas/sql/postgres"
	"ariga.io/atlas/sql/schema"
	atlassqlite "ariga.io/atlas/sql/sqlite"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"
	gormschema "gorm.io/gorm/schema"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// liveSchema opens Atlas's driver for db's database (SQLite, PostgreSQL or
// MySQL)
// on db's own connection pool (any database/sql connection will do: Atlas
// only sends queries) and inspects the schema the database has now.
// gormigrate's bookkeeping table is left out: no model describes it, so a
// plan would drop it.
func liveSchema(t *testing.T, db *gorm.DB) (migrate.Driver, *schema.Schema) {
	t.Helper()
	sqlDB, err := db.DB()
	require.NoError(t, err)
	open := atlassqlite.Open
	switch db.Dialector.Name() {
	case "postgres":
		open = atlaspostgres.Open
	case "mysql":
		open = atlasmysql.Open
	}
	drv, err := open(sqlDB)
	require.NoError(t, err)
	s, err := drv.InspectSchema(t.Context(), "", &schema.InspectOptions{Exclude: []string{"migrations"}})
	require.NoError(t, err)
	// On PostgreSQL every koan's database is a schema with a name of its
	// own (on MySQL a database): compare what the schemas hold, not what they are called, and
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

// ddlByMigrator checks that GORM's Migrator (AutoMigrate, RenameColumn,
// AddColumn, DropColumn, CreateTable …) sent every CREATE, ALTER and DROP
// the recorder saw, none of them SQL text run by Exec or Raw, and that at
// least one was sent. (A general check: it could move to fixtures.)
func ddlByMigrator(t *testing.T, queries *fixtures.Recorder) bool {
	t.Helper()
	seen := false
	for _, s := range queries.Statements() {
		switch firstWord(s.SQL) {
		case "CREATE", "ALTER", "DROP":
		default:
			continue
		}
		seen = true
		if s.Origin != fixtures.Migrator {
			queries.Explain(t, fmt.Sprintf("this koan is about the Migrator changing the schema, but one of its %s statements was written by hand (%s): "+
				"say it with db.Migrator() or AutoMigrate, and GORM writes the DDL for your database",
				firstWord(s.SQL), s.Origin))
			return false
		}
	}
	if !seen {
		queries.Explain(t, "no CREATE, ALTER or DROP was sent: the schema did not change")
	}
	return seen
}

// rowsReadFrom counts the rows of table that reached Go: read by a SELECT
// of the koan's own (built or hand-written), not by the Migrator's
// inspection of the schema. (A general check: it could move to fixtures.)
func rowsReadFrom(queries *fixtures.Recorder, table string) int {
	n := 0
	for _, s := range queries.Statements() {
		if firstWord(s.SQL) != "SELECT" || s.Origin == fixtures.Migrator {
			continue
		}
		if s.Table == table || (s.Table == "" && strings.Contains(strings.ToLower(s.SQL), table)) {
			n += s.Rows
		}
	}
	return n
}

// parsedField is the field name of model as GORM parses it: what its tags
// told GORM (NotNull, HasDefaultValue, Unique …), whatever DDL they made.
func parsedField(t *testing.T, db *gorm.DB, model any, name string) *gormschema.Field {
	t.Helper()
	stmt := &gorm.Statement{DB: db}
	require.NoError(t, stmt.Parse(model))
	f := stmt.Schema.LookUpField(name)
	require.NotNil(t, f, "%s has no field %s", stmt.Schema.Name, name)
	return f
}

// firstWord is the statement's first keyword, upper-cased.
func firstWord(sql string) string {
	f := strings.Fields(sql)
	if len(f) == 0 {
		return ""
	}
	return strings.ToUpper(f[0])
}

package migrations

import (
	"strings"
	"testing"

	"github.com/go-gormigrate/gormigrate/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// ManuscriptV1 and ManuscriptV2 are two versions of one model, both stored
// in "manuscripts": version 2 renames Title to Name and adds a Year.
type ManuscriptV1 struct {
	ID    uint
	Title string
}

func (ManuscriptV1) TableName() string { return "manuscripts" }

type ManuscriptV2 struct {
	ID   uint
	Name string
	Year int
}

func (ManuscriptV2) TableName() string { return "manuscripts" }

// TestPlanFromTheModels: a tool can write the migration for you, by diffing the database against the models.
//
// Alembic's --autogenerate, EF's Add-Migration: compare the schema the
// database has with the one the code wants, and write the difference down
// as statements. GORM has no such command; its documentation points to
// Atlas. Atlas inspects the live database, AutoMigrate builds the models'
// schema in a scratch database for Atlas to inspect too, and SchemaDiff plus
// PlanChanges turn the difference into SQL — a file you can review, commit
// and run exactly once.
//
// Hint: ReaderV2 adds one field to Reader. Read the SQL the plan sent, then
// ask what is left to do once it ran.
// Docs: https://pkg.go.dev/ariga.io/atlas/sql/migrate#Driver
// SQL: after first try
func TestPlanFromTheModels(t *testing.T) {
	db, queries := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&Reader{}))

	drv, current := liveSchema(t, db)     // the schema the database has
	target := modelSchema(t, &ReaderV2{}) // the schema the models want
	changes, err := drv.SchemaDiff(current, target)
	require.NoError(t, err)
	plan, err := drv.PlanChanges(t.Context(), "add_readers_email", changes)
	require.NoError(t, err)

	queries.Reset()
	for _, c := range plan.Changes {
		require.NoError(t, db.Exec(c.Cmd).Error)
	}

	assert.Equal(t, __, queries.Keywords())               // which statements did the plan send?
	assert.Equal(t, __, len(planFor(t, db, &ReaderV2{}))) // how many statements would a plan generated now hold?
}

// TestGeneratedPlanLosesARename: a generated plan cannot see a rename either; read what it drops before you run it.
//
// Atlas compares schemas, not intentions. ManuscriptV2 has a name column and
// no title column: to Atlas that is "drop title, add name". On PostgreSQL it
// plans one ALTER TABLE that drops title and adds name and year. On SQLite it
// plans a rebuild (create new_manuscripts, copy the rows, drop manuscripts,
// rename) that copies only the columns both versions share. Run it unread
// and the titles are gone, not just left behind as with AutoMigrate.
//
// Hint: read the statements the plan sent: is title renamed anywhere, or
// dropped (or left out of the copy)?
// Docs: https://pkg.go.dev/ariga.io/atlas/sql/migrate#Plan
// SQL: after first try
func TestGeneratedPlanLosesARename(t *testing.T) {
	db, queries := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&ManuscriptV1{}))
	require.NoError(t, db.Create([]ManuscriptV1{{Title: "Dune"}, {Title: "Emma"}, {Title: "Beloved"}}).Error)
	plan := planFor(t, db, &ManuscriptV2{})

	queries.Reset()
	for _, stmt := range plan {
		require.NoError(t, db.Exec(stmt).Error)
	}
	renames := strings.Contains(strings.Join(plan, "\n"), "RENAME COLUMN")
	var drafts []ManuscriptV2
	require.NoError(t, db.Order("id").Find(&drafts).Error)
	names := make([]string, len(drafts))
	for i, d := range drafts {
		names[i] = d.Name
	}

	assert.Equal(t, __, renames)                                           // does the plan rename title to name?
	assert.Equal(t, __, names)                                             // what names does the app read now?
	assert.Equal(t, __, db.Migrator().HasColumn(&ManuscriptV1{}, "title")) // is there a title column left to recover them from?
}

// TestReviewedPlanBecomesAMigration: turn the reviewed plan into a versioned step that keeps the data.
//
// The generated plan is a draft. Where it drops and adds, you know it was a
// rename: say so, the way Alembic users edit op.drop_column/op.add_column
// into op.alter_column. Written as a gormigrate step, it runs once on every
// copy of the database — and when it is right, a plan generated afterwards is
// empty: the schema is exactly what the models want.
//
// Hint: the Migrator renames a column and adds one; it finds Year on
// ManuscriptV2 by its field name.
// Docs: https://pkg.go.dev/github.com/go-gormigrate/gormigrate/v2#Migration
func TestReviewedPlanBecomesAMigration(t *testing.T) {
	db, queries := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&ManuscriptV1{}))
	require.NoError(t, db.Create([]ManuscriptV1{{Title: "Dune"}, {Title: "Emma"}, {Title: "Beloved"}}).Error)
	plan := planFor(t, db, &ManuscriptV2{})
	require.True(t, drops(plan), "the generated plan drops title: its column (PostgreSQL) or its whole table (SQLite)")

	step := &gormigrate.Migration{
		ID: "202406010900_manuscripts_title_to_name",
		// ✎ migrate as the plan meant it: title becomes name (data kept), and year is added
		Migrate: func(tx *gorm.DB) error {
			for _, stmt := range plan {
				if err := tx.Exec(stmt).Error; err != nil {
					return err
				}
			}
			return nil
		},
		// ✎ end
	}
	queries.Reset()
	require.NoError(t, gormigrate.New(db, gormigrate.DefaultOptions, []*gormigrate.Migration{step}).Migrate())
	ddlByMigrator(t, queries)

	var drafts []ManuscriptV2
	require.NoError(t, db.Order("id").Find(&drafts).Error)
	require.Len(t, drafts, 3)
	assert.Equal(t, []string{"Dune", "Emma", "Beloved"}, []string{drafts[0].Name, drafts[1].Name, drafts[2].Name}, "the titles survive, under their new name")
	assert.Empty(t, planFor(t, db, &ManuscriptV2{}), "the schema now matches the models: nothing is left to plan")
}

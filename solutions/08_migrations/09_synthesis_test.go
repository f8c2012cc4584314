package migrations

import (
	"testing"

	"github.com/go-gormigrate/gormigrate/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// MemberV1 and MemberV2 are two versions of one model, both stored in
// "members": version 2 renames FullName to DisplayName and adds Active, a
// NOT NULL column that is true unless set otherwise.
type MemberV1 struct {
	ID       uint
	FullName string
	Email    string
}

func (MemberV1) TableName() string { return "members" }

type MemberV2 struct {
	ID          uint
	DisplayName string
	Email       string
	Active      bool `gorm:"not null;default:true"`
}

func (MemberV2) TableName() string { return "members" }

// TestShipASchemaChange: ship version 2 of a table full of data as one reviewed, versioned, all-or-nothing step.
//
// The phase in one migration. The generated plan below is the draft: it
// would drop full_name. The step you ship renames instead, adds the NOT NULL
// column with its default, backfills it in one UPDATE inside the database,
// and runs in a transaction, so a failure leaves nothing half done. When it
// is right, the schema is exactly what MemberV2 wants: a new plan is empty.
//
// Hint: the Migrator renames and adds columns; members without an email are
// the inactive ones; gormigrate.Options has a field for the transaction.
// Docs: https://pkg.go.dev/github.com/go-gormigrate/gormigrate/v2#Options
func TestShipASchemaChange(t *testing.T) {
	db, queries := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&MemberV1{}))
	require.NoError(t, db.Create([]MemberV1{
		{FullName: "Ada Lovelace", Email: "ada@example.com"},
		{FullName: "Alan Turing"},
		{FullName: "Grace Hopper", Email: "grace@example.com"},
		{FullName: "Edsger Dijkstra"},
	}).Error)
	plan := planFor(t, db, &MemberV2{})
	require.True(t, drops(plan), "the draft drops full_name: its column (PostgreSQL) or its whole table (SQLite)")
	queries.Reset()

	// ✎ keep every name, add active (false for members without an email), all or nothing
	//koan: opts := gormigrate.DefaultOptions
	//koan: migrate := func(tx *gorm.DB) error {
	//koan: 	for _, stmt := range plan {
	//koan: 		if err := tx.Exec(stmt).Error; err != nil {
	//koan: 			return err
	//koan: 		}
	//koan: 	}
	//koan: 	return nil
	//koan: }
	opts := &gormigrate.Options{UseTransaction: true}
	migrate := func(tx *gorm.DB) error {
		if err := tx.Migrator().RenameColumn(&MemberV1{}, "full_name", "display_name"); err != nil {
			return err
		}
		if err := tx.Migrator().AddColumn(&MemberV2{}, "Active"); err != nil {
			return err
		}
		return tx.Model(&MemberV2{}).Where("email = ?", "").Update("active", false).Error
	}
	//dodge automigrate: opts := &gormigrate.Options{UseTransaction: true}
	//dodge automigrate: migrate := func(tx *gorm.DB) error { return tx.AutoMigrate(&MemberV2{}) }
	//dodge no-transaction: opts := gormigrate.DefaultOptions
	//dodge no-transaction: migrate := func(tx *gorm.DB) error {
	//dodge no-transaction: 	if err := tx.Migrator().RenameColumn(&MemberV1{}, "full_name", "display_name"); err != nil { return err }
	//dodge no-transaction: 	if err := tx.Migrator().AddColumn(&MemberV2{}, "Active"); err != nil { return err }
	//dodge no-transaction: 	return tx.Model(&MemberV2{}).Where("email = ?", "").Update("active", false).Error
	//dodge no-transaction: }
	//dodge backfill-in-go: opts := &gormigrate.Options{UseTransaction: true}
	//dodge backfill-in-go: migrate := func(tx *gorm.DB) error {
	//dodge backfill-in-go: 	if err := tx.Migrator().RenameColumn(&MemberV1{}, "full_name", "display_name"); err != nil { return err }
	//dodge backfill-in-go: 	if err := tx.Migrator().AddColumn(&MemberV2{}, "Active"); err != nil { return err }
	//dodge backfill-in-go: 	var members []MemberV2
	//dodge backfill-in-go: 	if err := tx.Find(&members).Error; err != nil { return err }
	//dodge backfill-in-go: 	for _, m := range members { if m.Email == "" { tx.Model(&m).Update("active", false) } }
	//dodge backfill-in-go: 	return nil
	//dodge backfill-in-go: }
	//dodge raw-sql: opts := &gormigrate.Options{UseTransaction: true}
	//dodge raw-sql: migrate := func(tx *gorm.DB) error {
	//dodge raw-sql: 	if err := tx.Exec("ALTER TABLE members RENAME COLUMN full_name TO display_name").Error; err != nil { return err }
	//dodge raw-sql: 	if err := tx.Exec("ALTER TABLE members ADD active boolean NOT NULL DEFAULT true").Error; err != nil { return err }
	//dodge raw-sql: 	return tx.Exec("UPDATE members SET active = false WHERE email = ''").Error
	//dodge raw-sql: }
	//dodge begin-by-hand: opts := gormigrate.DefaultOptions
	//dodge begin-by-hand: migrate := func(tx *gorm.DB) error {
	//dodge begin-by-hand: 	if err := tx.Exec("BEGIN").Error; err != nil { return err }
	//dodge begin-by-hand: 	if err := tx.Migrator().RenameColumn(&MemberV1{}, "full_name", "display_name"); err != nil { return err }
	//dodge begin-by-hand: 	if err := tx.Migrator().AddColumn(&MemberV2{}, "Active"); err != nil { return err }
	//dodge begin-by-hand: 	if err := tx.Model(&MemberV2{}).Where("email = ?", "").Update("active", false).Error; err != nil { return err }
	//dodge begin-by-hand: 	return tx.Exec("COMMIT").Error
	//dodge begin-by-hand: }
	//honest copied-options-sql-backfill: o := *gormigrate.DefaultOptions
	//honest copied-options-sql-backfill: o.UseTransaction = true
	//honest copied-options-sql-backfill: opts := &o
	//honest copied-options-sql-backfill: migrate := func(tx *gorm.DB) error {
	//honest copied-options-sql-backfill: 	if err := tx.Migrator().RenameColumn(&MemberV2{}, "full_name", "DisplayName"); err != nil { return err }
	//honest copied-options-sql-backfill: 	if err := tx.AutoMigrate(&MemberV2{}); err != nil { return err }
	//honest copied-options-sql-backfill: 	return tx.Exec("UPDATE members SET active = ? WHERE email = ?", false, "").Error
	//honest copied-options-sql-backfill: }
	// ✎ end
	m := gormigrate.New(db, opts, []*gormigrate.Migration{{ID: "202407010900_members_v2", Migrate: migrate}})
	require.NoError(t, m.Migrate())

	ddlByMigrator(t, queries)
	queries.InTransaction(t, "ALTER")
	kw := queries.Keywords()
	require.NotEmpty(t, kw)
	assert.Equal(t, "BEGIN", kw[0], "the whole run, bookkeeping included, in one transaction")
	assert.Equal(t, "COMMIT", kw[len(kw)-1])
	assert.Equal(t, 1, queries.Count("UPDATE"), "one UPDATE backfills every row")

	var members []MemberV2
	require.NoError(t, db.Order("id").Find(&members).Error)
	var names []string
	var active []bool
	for _, m := range members {
		names = append(names, m.DisplayName)
		active = append(active, m.Active)
	}
	assert.Equal(t, []string{"Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra"}, names, "every name kept")
	assert.Equal(t, []bool{true, false, true, false}, active, "inactive: the members without an email")
	assert.Equal(t, []string{"202407010900_members_v2"}, migrationIDs(t, db), "the step is recorded")
	assert.Empty(t, planFor(t, db, &MemberV2{}), "the schema is what MemberV2 wants")
}

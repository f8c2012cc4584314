package migrations

import (
	"testing"

	"github.com/go-gormigrate/gormigrate/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// PatronV1 keeps a full_name; PatronV2 calls the same thing display_name.
type PatronV1 struct {
	ID       uint
	FullName string
}

func (PatronV1) TableName() string { return "patrons" }

type PatronV2 struct {
	ID          uint
	DisplayName string
}

func (PatronV2) TableName() string { return "patrons" }

// TestDataMigrationMovesValues: a migration can move data, not only schema.
//
// Renaming by hand in three steps — add the new column, copy the values,
// drop the old column — is the portable way (and the only one when the new
// column is computed from the old). The copy is one UPDATE that runs inside
// the database; no rows travel to Go and back.
//
// Hint: Exec runs any SQL you write on the *gorm.DB you are given. One
// statement can set a column from another column of the same row.
// Docs: https://gorm.io/docs/sql_builder.html#Raw-SQL
func TestDataMigrationMovesValues(t *testing.T) {
	db, queries := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&PatronV1{}))
	require.NoError(t, db.Create([]PatronV1{{FullName: "Ada Lovelace"}, {FullName: "Alan Turing"}}).Error)
	queries.Reset()

	rename := &gormigrate.Migration{
		ID: "202404020900_patrons_display_name",
		Migrate: func(tx *gorm.DB) error {
			if err := tx.Migrator().AddColumn(&PatronV2{}, "DisplayName"); err != nil {
				return err
			}
			// ✎ copy every full_name into display_name
			//koan: step := tx
			step := tx.Exec("UPDATE patrons SET display_name = full_name")
			//dodge copy-in-go: var patrons []PatronV1
			//dodge copy-in-go: tx.Find(&patrons)
			//dodge copy-in-go: for _, p := range patrons { tx.Model(&PatronV2{ID: p.ID}).Update("display_name", p.FullName) }
			//dodge copy-in-go: step := tx
			//dodge one-update-built-in-go: var patrons []PatronV1
			//dodge one-update-built-in-go: tx.Order("id").Find(&patrons)
			//dodge one-update-built-in-go: sql := "UPDATE patrons SET display_name = CASE id"
			//dodge one-update-built-in-go: for _, p := range patrons { sql += fmt.Sprintf(" WHEN %d THEN '%s'", p.ID, p.FullName) }
			//dodge one-update-built-in-go: step := tx.Exec(sql + " END")
			//dodge hard-coded: step := tx.Exec("UPDATE patrons SET display_name = CASE id WHEN 1 THEN 'Ada Lovelace' ELSE 'Alan Turing' END")
			//honest builder: step := tx.Model(&PatronV2{}).Where("1 = 1").Update("display_name", gorm.Expr("full_name"))
			// ✎ end
			if step.Error != nil {
				return step.Error
			}
			return tx.Migrator().DropColumn(&PatronV1{}, "FullName")
		},
		Rollback: func(tx *gorm.DB) error {
			if err := tx.Migrator().AddColumn(&PatronV1{}, "FullName"); err != nil {
				return err
			}
			if err := tx.Exec("UPDATE patrons SET full_name = display_name").Error; err != nil {
				return err
			}
			return tx.Migrator().DropColumn(&PatronV2{}, "DisplayName")
		},
	}
	m := gormigrate.New(db, gormigrate.DefaultOptions, []*gormigrate.Migration{rename})
	require.NoError(t, m.Migrate())
	read := rowsReadFrom(queries, "patrons")

	var after []PatronV2
	require.NoError(t, db.Order("id").Find(&after).Error)
	require.Len(t, after, 2)
	assert.Equal(t, "Ada Lovelace", after[0].DisplayName)
	assert.Equal(t, "Alan Turing", after[1].DisplayName)
	assert.False(t, db.Migrator().HasColumn(&PatronV2{}, "full_name"), "the old column is dropped")
	assert.Equal(t, 1, queries.Count("UPDATE"), "one UPDATE moves every row")
	assert.Zero(t, read, "the copy happens inside the database: no patron travels to Go and back")

	require.NoError(t, m.RollbackLast())
	// Not Find again: on PostgreSQL the connection may hold the plan of the
	// same SELECT * from before the columns changed, and refuse to reuse it.
	var back []string
	require.NoError(t, db.Model(&PatronV1{}).Order("id").Pluck("full_name", &back).Error)
	assert.Equal(t, []string{"Ada Lovelace", "Alan Turing"}, back, "and Rollback moves them back")

	// A patron the migration has never seen: run it again, it copies hers too.
	require.NoError(t, db.Create(&PatronV1{FullName: "Grace Hopper"}).Error)
	require.NoError(t, m.Migrate())
	var names []string
	require.NoError(t, db.Model(&PatronV2{}).Order("id").Pluck("display_name", &names).Error)
	assert.Equal(t, []string{"Ada Lovelace", "Alan Turing", "Grace Hopper"}, names,
		"run again on a new patron, the copy must take her name from her own row, not from names typed into the SQL")
}

// TestFailedMigrationLeavesNothingBehind: run migrations in a transaction, and a failure undoes its half.
//
// The migration below creates a table, then fails. Without a transaction the
// table stays while the migration is not recorded: the next start runs it
// again and trips over its own leftovers. SQLite (like PostgreSQL) can roll
// DDL back, so gormigrate can wrap the whole run in one transaction. (MySQL
// cannot: its DDL commits the transaction, TestDDLCommitsTheTransaction.)
//
// Hint: look at the fields of gormigrate.Options.
//
// Database: sqlite, postgres
// Docs: https://pkg.go.dev/github.com/go-gormigrate/gormigrate/v2#Options
func TestFailedMigrationLeavesNothingBehind(t *testing.T) {
	db, queries := fixtures.Empty(t)
	broken := &gormigrate.Migration{
		ID: "202405060700_create_loans",
		Migrate: func(tx *gorm.DB) error {
			if err := tx.AutoMigrate(&Loan{}); err != nil {
				return err
			}
			return tx.Exec("CREATE INDEX idx_loans_due ON loans(due_at)").Error // there is no due_at
		},
	}

	// ✎ make a failed run leave the schema as it was
	//koan: opts := &gormigrate.Options{}
	opts := &gormigrate.Options{UseTransaction: true}
	//dodge default-options: opts := gormigrate.DefaultOptions
	//dodge begin-by-hand: opts := &gormigrate.Options{}
	//dodge begin-by-hand: require.NoError(t, db.Exec("BEGIN").Error)
	//dodge table-name-only: opts := &gormigrate.Options{TableName: "migrations"}
	//honest copy-the-defaults: o := *gormigrate.DefaultOptions
	//honest copy-the-defaults: o.UseTransaction = true
	//honest copy-the-defaults: opts := &o
	// ✎ end
	require.Error(t, gormigrate.New(db, opts, []*gormigrate.Migration{broken}).Migrate())

	queries.InTransaction(t, "CREATE")
	assert.False(t, db.Migrator().HasTable(&Loan{}), "the half-done migration left a loans table")
	assert.False(t, db.Migrator().HasTable("migrations"), "even the migrations table was rolled back")
}

package migrations

import (
	"testing"

	"github.com/go-gormigrate/gormigrate/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// Reader is a library member; ReaderV2 is the same table with an email.
type Reader struct {
	ID   uint
	Name string
}

type ReaderV2 struct {
	ID    uint
	Name  string
	Email string
}

func (ReaderV2) TableName() string { return "readers" }

// Loan is a table the third migration creates.
type Loan struct {
	ID       uint
	ReaderID uint
	BookID   uint
}

// LoanV2 is a loan with a due date: the fourth migration adds it.
type LoanV2 struct {
	ID       uint
	ReaderID uint
	BookID   uint
	Due      string
}

func (LoanV2) TableName() string { return "loans" }

// readerMigrations is a history of three schema changes, oldest first.
func readerMigrations() []*gormigrate.Migration {
	return []*gormigrate.Migration{
		{
			ID:       "202401150900_create_readers",
			Migrate:  func(tx *gorm.DB) error { return tx.AutoMigrate(&Reader{}) },
			Rollback: func(tx *gorm.DB) error { return tx.Migrator().DropTable(&Reader{}) },
		},
		{
			ID:       "202402010800_add_readers_email",
			Migrate:  func(tx *gorm.DB) error { return tx.Migrator().AddColumn(&ReaderV2{}, "Email") },
			Rollback: func(tx *gorm.DB) error { return tx.Migrator().DropColumn(&ReaderV2{}, "Email") },
		},
		{
			ID:       "202403101700_create_loans",
			Migrate:  func(tx *gorm.DB) error { return tx.AutoMigrate(&Loan{}) },
			Rollback: func(tx *gorm.DB) error { return tx.Migrator().DropTable(&Loan{}) },
		},
	}
}

// migrationIDs lists the IDs recorded in gormigrate's table, sorted.
func migrationIDs(t *testing.T, db *gorm.DB) []string {
	t.Helper()
	var ids []string
	require.NoError(t, db.Table("migrations").Order("id").Pluck("id", &ids).Error)
	return ids
}

// TestGormigrateRecordsWhatRan: a versioned migration runs once, and a table remembers that it did.
//
// AutoMigrate has no memory: it diffs structs against the schema every time.
// A versioned migration tool keeps a table of the migrations it has applied;
// gormigrate calls it "migrations" and stores each migration's ID. On every
// start it runs the migrations of its list whose ID it does not find there,
// and records them.
//
// Hint: the first deployment ran three migrations. The next one ships the
// same three and one more: which of the four still have work to do?
// Docs: https://pkg.go.dev/github.com/go-gormigrate/gormigrate/v2
// SQL: after first try
func TestGormigrateRecordsWhatRan(t *testing.T) {
	db, queries := fixtures.Empty(t)
	require.NoError(t, gormigrate.New(db, gormigrate.DefaultOptions, readerMigrations()).Migrate())
	queries.Reset()

	// The next deployment starts up with one migration more.
	next := append(readerMigrations(), &gormigrate.Migration{
		ID:       "202404020900_add_loans_due",
		Migrate:  func(tx *gorm.DB) error { return tx.Migrator().AddColumn(&LoanV2{}, "Due") },
		Rollback: func(tx *gorm.DB) error { return tx.Migrator().DropColumn(&LoanV2{}, "Due") },
	})
	require.NoError(t, gormigrate.New(db, gormigrate.DefaultOptions, next).Migrate())

	assert.Equal(t /*__*/, 0, queries.Count("CREATE"))       // how many tables did the second deployment create?
	assert.Equal(t /*__*/, 1, queries.Count("ALTER"))        // how many ALTER TABLE statements did it send?
	assert.Equal(t /*__*/, 1, len(queries.Tables("INSERT"))) // how many IDs did it record?
	assert.Equal(t /*__*/, 4, len(migrationIDs(t, db)))      // how many migrations are recorded in all?
}

// TestWriteAMigration: write a migration's two halves, forward and back.
//
// A migration is an ID and two functions: Migrate moves the schema one step
// forward, Rollback takes it back exactly one step. Both get the *gorm.DB to
// work with (a transaction, if you ask for one) — use it, not the outer db.
//
// Hint: the Migrator that AutoMigrate uses has calls to add and to drop a
// single column; ReaderV2 describes the column you want.
// Docs: https://pkg.go.dev/github.com/go-gormigrate/gormigrate/v2#Migration
func TestWriteAMigration(t *testing.T) {
	db, queries := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&Reader{}))
	queries.Reset()

	addEmail := &gormigrate.Migration{
		ID: "202402010800_add_readers_email",
		// ✎ write Migrate (add the email column) and Rollback (remove it)
		//koan: Migrate:  func(tx *gorm.DB) error { return nil },
		//koan: Rollback: func(tx *gorm.DB) error { return nil },
		Migrate:  func(tx *gorm.DB) error { return tx.Migrator().AddColumn(&ReaderV2{}, "Email") },
		Rollback: func(tx *gorm.DB) error { return tx.Migrator().DropColumn(&ReaderV2{}, "Email") },
		//dodge no-rollback: Migrate: func(tx *gorm.DB) error { return tx.AutoMigrate(&ReaderV2{}) },
		//dodge no-rollback: Rollback: func(tx *gorm.DB) error { return nil },
		//dodge raw-sql: Migrate: func(tx *gorm.DB) error { return tx.Exec("ALTER TABLE readers ADD email text").Error },
		//dodge raw-sql: Rollback: func(tx *gorm.DB) error { return tx.Exec("ALTER TABLE readers DROP COLUMN email").Error },
		//dodge drop-the-table: Migrate: func(tx *gorm.DB) error { return tx.AutoMigrate(&ReaderV2{}) },
		//dodge drop-the-table: Rollback: func(tx *gorm.DB) error { return tx.Migrator().DropTable(&ReaderV2{}) },
		//honest automigrate-forward: Migrate: func(tx *gorm.DB) error { return tx.AutoMigrate(&ReaderV2{}) },
		//honest automigrate-forward: Rollback: func(tx *gorm.DB) error { return tx.Migrator().DropColumn(&ReaderV2{}, "email") },
		// ✎ end
	}
	m := gormigrate.New(db, gormigrate.DefaultOptions, []*gormigrate.Migration{addEmail})

	require.NoError(t, m.Migrate())
	assert.True(t, db.Migrator().HasColumn(&ReaderV2{}, "email"), "after Migrate, readers has an email column")
	require.NoError(t, db.Create(&ReaderV2{Name: "Ada", Email: "ada@example.com"}).Error)

	require.NoError(t, m.RollbackLast())
	assert.False(t, db.Migrator().HasColumn(&ReaderV2{}, "email"), "after RollbackLast, it is gone again")
	assert.Empty(t, migrationIDs(t, db), "and the migration is no longer recorded")
	var n int64
	require.NoError(t, db.Model(&Reader{}).Count(&n).Error)
	assert.EqualValues(t, 1, n, "rolling back a column keeps the rows")
	ddlByMigrator(t, queries)
}

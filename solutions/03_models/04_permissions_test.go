package models

import (
	"database/sql"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestDashKeepsAFieldOutOfTheTable: keep Confirm, a form-only field, out of the database.
//
// Structs often carry fields that belong to your Go code and not to the table:
// a password confirmation, a computed label, a cache. GORM maps every exported
// field unless you tell it to ignore one; an ignored field gets no column and
// is never read or written.
//
// Hint: one tag, a single character long, tells GORM to ignore a field.
//
// Docs: https://gorm.io/docs/models.html#field_permission
func TestDashKeepsAFieldOutOfTheTable(t *testing.T) {
	db, _ := fixtures.Empty(t)

	// ✎ tag Confirm so GORM ignores it
	//koan: type Signup struct {
	//koan: 	ID       uint
	//koan: 	Password string
	//koan: 	Confirm  string
	//koan: }
	type Signup struct {
		ID       uint
		Password string
		Confirm  string `gorm:"-"`
	}
	//dodge read-only: type Signup struct {
	//dodge read-only: 	ID       uint
	//dodge read-only: 	Password string
	//dodge read-only: 	Confirm  string `gorm:"->"`
	//dodge read-only: }
	//dodge migration-only: type Signup struct {
	//dodge migration-only: 	ID       uint
	//dodge migration-only: 	Password string
	//dodge migration-only: 	Confirm  string `gorm:"-:migration"`
	//dodge migration-only: }
	//dodge never-read: type Signup struct {
	//dodge never-read: 	ID       uint
	//dodge never-read: 	Password string
	//dodge never-read: 	Confirm  string `gorm:"->:false"`
	//dodge never-read: }
	//honest dash-all: type Signup struct {
	//honest dash-all: 	ID       uint
	//honest dash-all: 	Password string
	//honest dash-all: 	Confirm  string `gorm:"-:all"`
	//honest dash-all: }
	// ✎ end

	require.NoError(t, db.AutoMigrate(&Signup{}))
	s := Signup{Password: "hunter2", Confirm: "hunter2"}
	require.NoError(t, db.Create(&s).Error)
	var back Signup
	require.NoError(t, db.First(&back, s.ID).Error)

	assert.False(t, db.Migrator().HasColumn(&Signup{}, "confirm"), "Confirm should have no column")
	assert.Equal(t, "hunter2", back.Password)
	assert.Empty(t, back.Confirm, "an ignored field is never read back")
}

// Ledger has a balance GORM reads but never writes (a trigger or another
// program owns it), and an opening date set once.
type Ledger struct {
	ID      uint
	Owner   string
	Balance int    `gorm:"->"`
	Opened  string `gorm:"<-:create"`
}

// TestReadOnlyFieldIsNeverWritten: a field tagged -> is loaded by SELECT but left out of INSERT and UPDATE.
//
// `->` gives GORM read permission only: the column exists, queries fill the
// field, but GORM's writes skip it — whatever the struct holds, Create and
// Save alike. It is how you map a column the database (or another service)
// maintains.
//
// Hint: follow the balance: 100 in the struct at Create, 42 written by
// someone else, 7 in the struct at Save. Which of them did GORM ever send?
//
// Docs: https://gorm.io/docs/models.html#field_permission
// SQL: after first try
func TestReadOnlyFieldIsNeverWritten(t *testing.T) {
	db, _ := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&Ledger{}))

	l := Ledger{Owner: "Vimes", Balance: 100}
	require.NoError(t, db.Create(&l).Error)
	var stored sql.NullInt64
	require.NoError(t, db.Raw("SELECT balance FROM ledgers WHERE id = ?", l.ID).Scan(&stored).Error)
	// Someone else — a trigger, another program — sets the balance.
	require.NoError(t, db.Exec("UPDATE ledgers SET balance = 42 WHERE id = ?", l.ID).Error)
	l.Owner, l.Balance = "Vetinari", 7
	require.NoError(t, db.Save(&l).Error)
	var back Ledger
	require.NoError(t, db.First(&back, l.ID).Error)

	assert.True(t, db.Migrator().HasColumn(&Ledger{}, "balance"), "a read-only field still has its column")
	assert.Equal(t /*__*/, false, stored.Valid)     // did Create store a balance (is it non-NULL)?
	assert.Equal(t /*___*/, "Vetinari", back.Owner) // who owns the ledger after Save?
	assert.Equal(t /*__*/, 42, back.Balance)        // and what balance does a fresh load read?
}

// TestCreateOnlyFieldIgnoresUpdates: a field tagged <-:create is written once, by INSERT.
//
// Write permission can be narrowed to create or update. `<-:create` suits a
// value fixed at birth: Create writes it, Updates and Save pass it over
// silently — no error, the new value just never reaches the database.
//
// Hint: read the UPDATE statement: which columns does its SET list?
//
// Docs: https://gorm.io/docs/models.html#field_permission
// SQL: after first try
func TestCreateOnlyFieldIgnoresUpdates(t *testing.T) {
	db, _ := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&Ledger{}))
	l := Ledger{Owner: "Vimes", Opened: "1989"}
	require.NoError(t, db.Create(&l).Error)

	require.NoError(t, db.Model(&l).Updates(Ledger{Owner: "Vetinari", Opened: "2004"}).Error)
	var back Ledger
	require.NoError(t, db.First(&back, l.ID).Error)

	assert.Equal(t /*___*/, "Vetinari", back.Owner) // who owns the ledger now?
	assert.Equal(t /*___*/, "1989", back.Opened)    // and when was it opened, says the database?
}

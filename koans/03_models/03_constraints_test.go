package models

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestUniqueIndexRejectsDuplicates: make a second member with the same email fail to insert.
//
// Go's type system can't say "no two members share an email"; the database
// can, with a unique index or a UNIQUE constraint. GORM writes either for you
// when the field carries the right tag: `uniqueIndex` makes AutoMigrate run
// CREATE UNIQUE INDEX, `unique` puts a CONSTRAINT … UNIQUE into the CREATE
// TABLE. With TranslateError on, the driver's error becomes
// gorm.ErrDuplicatedKey.
//
// Hint: a struct tag looks like `gorm:"…"`. There is a tag that asks for a
// unique index, and one that asks for a UNIQUE column; either works. Other
// members, with other emails, must still get in.
//
// Docs: https://gorm.io/docs/indexes.html#uniqueIndex
func TestUniqueIndexRejectsDuplicates(t *testing.T) {
	db, _ := fixtures.Empty(t, fixtures.WithConfig(func(c *gorm.Config) { c.TranslateError = true }))

	// ✎ tag the Email field so the database refuses duplicates
	type Member struct {
		ID    uint
		Email string
	}
	// ✎ end

	require.NoError(t, db.AutoMigrate(&Member{}))
	require.NoError(t, db.Create(&Member{Email: "ged@roke.example"}).Error)
	err := db.Create(&Member{Email: "ged@roke.example"}).Error
	other := db.Create(&Member{Email: "tenar@atuan.example"}).Error

	assert.ErrorIs(t, err, gorm.ErrDuplicatedKey)
	assert.NoError(t, other, "a member with another email is welcome")
	assert.True(t, uniqueByTag(t, db, &Member{}, "Email"),
		"GORM itself does not know that Email is unique: say it with one of GORM's tags, not with DDL in type:")
}

// Account has one field of each kind of uniqueness.
type Account struct {
	ID    uint
	Email string `gorm:"unique"`
	Login string `gorm:"uniqueIndex"`
}

// TestUniqueIsAConstraintUniqueIndexIsAnIndex: `unique` writes a constraint into CREATE TABLE, `uniqueIndex` a separate CREATE UNIQUE INDEX.
//
// Both refuse duplicates, but they are different objects in the database.
// `unique` adds CONSTRAINT uni_<table>_<column> UNIQUE to the table itself;
// `uniqueIndex` makes AutoMigrate send its own CREATE UNIQUE INDEX
// idx_<table>_<field> afterwards — an index you can later drop or rename
// with the Migrator by that name. Which one a column has matters when a
// migration has to change it. (Not on MySQL: GORM writes the unique index
// into CREATE TABLE there too, UNIQUE INDEX `idx_accounts_login`, and sends
// no CREATE UNIQUE INDEX of its own.)
//
// Hint: predict, then read the CREATE statements: the SQL panel opens
// after your first try.
//
// Database: sqlite, postgres
// Docs: https://gorm.io/docs/indexes.html#uniqueIndex
// SQL: after first try
func TestUniqueIsAConstraintUniqueIndexIsAnIndex(t *testing.T) {
	db, queries := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&Account{}))

	var createTable string
	var createIndexes []string
	for _, st := range queries.Statements() {
		switch {
		case strings.HasPrefix(st.SQL, "CREATE TABLE"):
			createTable = st.SQL
		case strings.HasPrefix(st.SQL, "CREATE UNIQUE INDEX"):
			createIndexes = append(createIndexes, st.SQL)
		}
	}
	constraint := regexp.MustCompile("CONSTRAINT [`\"]([a-z_]+)[`\"] UNIQUE").FindStringSubmatch(createTable) // `name` on SQLite, "name" on PostgreSQL
	require.Len(t, constraint, 2, "CREATE TABLE has a UNIQUE constraint")

	assert.Equal(t, ___, constraint[1])     // what is the UNIQUE constraint in CREATE TABLE called?
	assert.Equal(t, __, len(createIndexes)) // how many CREATE UNIQUE INDEX statements were sent?
}

// Patron has a name that may not be NULL.
type Patron struct {
	ID   uint
	Name string `gorm:"not null"`
}

// TestNotNullAcceptsEmptyString: not null forbids NULL, and a Go string is never NULL.
//
// A Go string field holds "" when you don't set it, and GORM sends "" — an
// empty string, which is a value. So `not null` on a string catches nothing
// your Go code leaves out; it guards against other writers (raw SQL, other
// programs) sending a real NULL.
//
// Hint: look at the value the INSERT sends for name. Then think about what
// the raw INSERT sends.
//
// Docs: https://gorm.io/docs/models.html#tags
// SQL: after first try
func TestNotNullAcceptsEmptyString(t *testing.T) {
	db, _ := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&Patron{}))

	fromGo := db.Create(&Patron{}).Error
	fromSQL := db.Exec("INSERT INTO patrons (name) VALUES (NULL)").Error

	assert.Equal(t, __, fromGo == nil)  // did GORM's insert of Patron{} succeed?
	assert.Equal(t, __, fromSQL == nil) // did the raw insert of NULL succeed?
}

// Gadget has a stock that defaults to 7.
type Gadget struct {
	ID    uint
	Name  string
	Stock int `gorm:"default:7"`
}

// TestDefaultReplacesZeroValues: with a default tag, a zero field means "use the default".
//
// GORM can't tell "I set Stock to 0" from "I never set Stock": both are 0.
// When a field has a default, GORM treats the zero value as unset and writes
// the default instead — so a plain int with `default:7` can never be created
// as 0. A pointer (*int) or sql.NullInt64 can: nil is unset, 0 is a value.
//
// Hint: read the INSERT's values; then ask what GORM put back in the struct.
//
// Docs: https://gorm.io/docs/create.html#default_values
// SQL: after first try
func TestDefaultReplacesZeroValues(t *testing.T) {
	db, _ := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&Gadget{}))

	g := Gadget{Name: "Sold out", Stock: 0}
	require.NoError(t, db.Create(&g).Error)
	var stored int
	require.NoError(t, db.Raw("SELECT stock FROM gadgets WHERE id = ?", g.ID).Scan(&stored).Error)

	assert.Equal(t, __, stored)            // what stock did the database store?
	assert.Equal(t, __, g.Stock == stored) // does g.Stock now hold what the database stored?
}

// TestPointerLetsZeroBeStored: store a crate with an explicit stock of 0, despite the default.
//
// The cure for "zero means unset" is a type with a third state. With *int,
// nil means "not set, use the default" and a pointer to 0 means zero. The
// same goes for sql.NullInt64, or a string field's *string.
//
// Hint: change the field's type, then give Stock a pointer to a variable
// that holds 0. A crate whose Stock is left unset must still get the default.
//
// Docs: https://gorm.io/docs/create.html#default_values
func TestPointerLetsZeroBeStored(t *testing.T) {
	db, _ := fixtures.Empty(t)

	// ✎ make Stock able to say "zero" rather than "unset"
	type Crate struct {
		ID    uint
		Stock int `gorm:"default:7"`
	}
	c := Crate{Stock: 0}
	// ✎ end

	require.NoError(t, db.AutoMigrate(&Crate{}))
	require.NoError(t, db.Create(&c).Error)
	unset := Crate{}
	require.NoError(t, db.Create(&unset).Error)
	var stored, defaulted int
	require.NoError(t, db.Raw("SELECT stock FROM crates WHERE id = ?", c.ID).Scan(&stored).Error)
	require.NoError(t, db.Raw("SELECT stock FROM crates WHERE id = ?", unset.ID).Scan(&defaulted).Error)

	assert.Equal(t, 0, stored, "the crate should be stored empty")
	assert.Equal(t, 7, defaulted, "a crate with no stock given still gets the default")
}

// TestCheckConstraintGuardsValues: make the database itself refuse a negative fee.
//
// `check:<SQL condition>` is copied into CREATE TABLE as a named CHECK
// constraint. GORM never evaluates it: the database does, on every INSERT
// and UPDATE, from GORM or from anyone else — so the rule holds even for
// code that bypasses your models.
//
// Hint: the tag is check: followed by a SQL condition on the column
// (the column of Amount is amount).
//
// Docs: https://gorm.io/docs/constraints.html#CHECK-Constraint
func TestCheckConstraintGuardsValues(t *testing.T) {
	db, _ := fixtures.Empty(t)

	// ✎ tag Amount so that negative amounts are refused
	type Fee struct {
		ID     uint
		Amount int
	}
	// ✎ end

	require.NoError(t, db.AutoMigrate(&Fee{}))
	negative := db.Create(&Fee{Amount: -5}).Error
	zero := db.Create(&Fee{Amount: 0}).Error
	var n int64
	require.NoError(t, db.Model(&Fee{}).Count(&n).Error)

	assert.Error(t, negative, "a fee of -5 must be refused")
	assert.NoError(t, zero, "a fee of 0 is fine")
	assert.Equal(t, 1, int(n))
	assert.True(t, checkedByTag(t, db, &Fee{}, "Amount"),
		"GORM itself knows of no check on Amount: give the condition to GORM's own tag, not as DDL in type:")
}

package migrations

import (
	"testing"

	"gorm.io/gorm"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// ShelfV1 and ShelfV2 are two versions of one model, both stored in "shelves":
// version 2 adds a field.
type ShelfV1 struct {
	ID   uint
	Name string
}

func (ShelfV1) TableName() string { return "shelves" }

type ShelfV2 struct {
	ID       uint
	Name     string
	Capacity int
}

func (ShelfV2) TableName() string { return "shelves" }

// TestAutoMigrateAddsAColumn: a new field becomes a new column, and old rows get nothing in it.
//
// When a struct grows a field, AutoMigrate sees the column is missing and adds
// it with ALTER TABLE … ADD. The rows already in the table are not touched: the
// new column holds NULL for them, which GORM scans into the zero value.
//
// Hint: read the statement that changed the table; then ask what value a row
// written before that statement can have in a column that did not exist yet.
// Docs: https://gorm.io/docs/migration.html#Auto-Migration
func TestAutoMigrateAddsAColumn(t *testing.T) {
	db, queries := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&ShelfV1{}))
	require.NoError(t, db.Create(&ShelfV1{Name: "Fantasy"}).Error)
	queries.Reset()

	require.NoError(t, db.AutoMigrate(&ShelfV2{}))

	var shelf ShelfV2
	require.NoError(t, db.First(&shelf).Error)
	assert.Equal(t /*__*/, 1, queries.Count("ALTER")) // how many ALTER TABLE statements?
	assert.Equal(t /*__*/, "Fantasy", shelf.Name)     // what did the old row keep?
	assert.Equal(t /*__*/, 0, shelf.Capacity)         // what does the old row hold in the new column?
}

// TestNewNotNullColumnNeedsADefault: a NOT NULL column can only be added to a full table if it has a default.
//
// ALTER TABLE … ADD must put *something* in every existing row. Without a
// default that something is NULL, and a NOT NULL column refuses it: the
// migration fails. PostgreSQL says the column "contains null values";
// SQLite refuses such an ADD even on an empty table. The fix lives in the
// struct tag, so that AutoMigrate adds the column right the first time —
// and finds nothing to change the next.
//
// Hint: look at the error, then at the gorm tags that give a column a value
// when none is written.
// Docs: https://gorm.io/docs/models.html#tags
func TestNewNotNullColumnNeedsADefault(t *testing.T) {
	db, queries := fixtures.Empty(t)
	type pageV1 struct {
		ID    uint
		Title string
	}
	require.NoError(t, db.Table("pages").AutoMigrate(&pageV1{}))
	require.NoError(t, db.Table("pages").Create(&pageV1{Title: "Preface"}).Error)

	// ✎ make the new column acceptable to a table that already has rows
	//koan: type pageV2 struct {
	//koan: 	ID    uint
	//koan: 	Title string
	//koan: 	Words int `gorm:"not null"`
	//koan: }
	type pageV2 struct {
		ID    uint
		Title string
		Words int `gorm:"not null;default:0"`
	}
	//dodge alter-by-hand: require.NoError(t, db.Exec("ALTER TABLE pages ADD words integer NOT NULL DEFAULT 0").Error)
	//dodge alter-by-hand: type pageV2 struct { ID uint; Title string; Words int `gorm:"not null"` }
	//dodge nullable: type pageV2 struct { ID uint; Title string; Words int }
	//dodge type-tag: type pageV2 struct { ID uint; Title string; Words int `gorm:"type:integer NOT NULL DEFAULT 0"` }
	//honest default-first: type pageV2 struct { ID uint; Title string; Words int `gorm:"default:0;not null"` }
	// ✎ end
	queries.Reset()
	require.NoError(t, db.Table("pages").AutoMigrate(&pageV2{}))
	words := parsedField(t, db, &pageV2{}, "Words")
	assert.True(t, words.NotNull && words.HasDefaultValue,
		"tell GORM through its own tags that Words is NOT NULL and has a default, not through type: text it cannot read (parsed: not null %v, default %v)",
		words.NotNull, words.HasDefaultValue)

	var page pageV2
	require.NoError(t, db.Table("pages").First(&page).Error)
	assert.Equal(t, "Preface", page.Title)
	assert.Equal(t, 0, page.Words)
	assert.False(t, nullable(t, db, "pages", "words"), "keep words NOT NULL")
	assert.Equal(t, 1, queries.Count("ALTER"), "AutoMigrate adds the column: one ALTER TABLE … ADD")
	assert.Zero(t, queries.Count("CREATE"), "and does not rebuild the table to make it match the struct")
}

// LabelV1 and LabelV2 are two versions of one model, both stored in "labels":
// version 2 makes Text NOT NULL with a default.
type LabelV1 struct {
	ID   uint
	Text string
}

func (LabelV1) TableName() string { return "labels" }

type LabelV2 struct {
	ID   uint
	Text string `gorm:"not null;default:''"`
}

func (LabelV2) TableName() string { return "labels" }

// twoLabels creates the labels table of version 1 and two labels in it.
func twoLabels(t *testing.T, db *gorm.DB) {
	t.Helper()
	require.NoError(t, db.AutoMigrate(&LabelV1{}))
	require.NoError(t, db.Create([]LabelV1{{Text: "fragile"}, {Text: "signed"}}).Error)
}

// TestAutoMigrateAltersColumns: AutoMigrate also changes existing columns; SQLite has it rebuild the whole table.
//
// "AutoMigrate only adds" is not the whole story. When a column's type,
// size, default or comment no longer matches its field, AutoMigrate alters
// the column; it also relaxes a NOT NULL the field dropped and drops a
// unique constraint whose tag is gone. (Adding `not null` alone is ignored:
// LabelV2 tightens text together with a new default, and the default is
// what sets the change off.) PostgreSQL and MySQL get an ALTER COLUMN;
// SQLite cannot alter a column, so GORM's driver rebuilds the table: create
// a copy, INSERT … SELECT every row into it, drop the original, rename the
// copy — with foreign keys switched off meanwhile. On a big table that is a
// long, locking start-up nobody planned.
//
// Hint: read the statements between BEGIN and COMMIT. The table that holds
// the labels afterwards was created by them: what can it know of the ids
// handed out before it existed, beyond the rows copied into it?
// Docs: https://gorm.io/docs/migration.html#Auto-Migration
// Database: sqlite
// SQL: after first try
func TestAutoMigrateAltersColumns(t *testing.T) {
	db, queries := fixtures.Empty(t)
	twoLabels(t, db)
	gone := LabelV1{Text: "misprint"}
	require.NoError(t, db.Create(&gone).Error) // label 3,
	require.NoError(t, db.Delete(&gone).Error) // deleted: AUTOINCREMENT never hands out 3 again…
	queries.Reset()

	require.NoError(t, db.AutoMigrate(&LabelV2{}))

	var n int64
	require.NoError(t, db.Model(&LabelV2{}).Count(&n).Error)
	next := LabelV2{Text: "rare"}
	require.NoError(t, db.Create(&next).Error)
	assert.Equal(t /*__*/, 1, queries.Count("DROP"))                 // how many tables did AutoMigrate drop?
	assert.Equal(t /*__*/, 2, int(n))                                // how many labels were there after the change?
	assert.Equal(t /*__*/, false, nullable(t, db, "labels", "text")) // does text accept NULL now?
	assert.Equal(t /*__*/, 3, int(next.ID))                          // …or does it? Which id did the next label get?
}

// TestAutoMigrateAltersColumnsInPlace: on PostgreSQL, AutoMigrate changes an existing column where it stands.
//
// SQLite cannot alter a column, so there the same change rebuilds the whole
// table. PostgreSQL can: GORM's driver sends ALTER TABLE … ALTER COLUMN, one
// statement per difference (TYPE, SET or DROP NOT NULL, SET or DROP
// DEFAULT). No copy, no DROP: the rows stay where they are. Not free
// either: SET NOT NULL reads every row to check it, and holds the table's
// strongest lock while it does.
//
// Hint: between its reads of the catalogue, which kinds of statement did
// AutoMigrate send? Did any row travel to another table?
// Docs: https://gorm.io/docs/migration.html#Auto-Migration
// Database: postgres
// SQL: after first try
func TestAutoMigrateAltersColumnsInPlace(t *testing.T) {
	db, queries := fixtures.Empty(t)
	twoLabels(t, db)
	queries.Reset()

	require.NoError(t, db.AutoMigrate(&LabelV2{}))

	assert.Equal(t /*__*/, 1, queries.Count("ALTER"))                // how many ALTER TABLE statements?
	assert.Equal(t /*__*/, 0, queries.Count("DROP"))                 // how many tables did AutoMigrate drop?
	assert.Equal(t /*__*/, 0, queries.Count("INSERT"))               // how many INSERTs copied rows?
	assert.Equal(t /*__*/, false, nullable(t, db, "labels", "text")) // does text accept NULL now?
}

// TestTighteningAColumnFailsOnOldRows: AutoMigrate cannot make a column NOT NULL while old rows hold NULL.
//
// A default only fills rows inserted without a value; it does not touch
// the NULLs already there. On SQLite the rebuild copies every row, NULLs
// included, into a table whose column now refuses them: the first NULL
// stops the copy and the rebuild's transaction rolls back. On PostgreSQL,
// ALTER COLUMN … SET NOT NULL checks every row and refuses ("column
// contains null values"). Either way AutoMigrate returns the error — at
// start-up, in production. Backfill first (a data migration), tighten after.
//
// Hint: whichever way the database tightens the column, it meets the old
// row's NULL. What did the failed change leave behind?
// Docs: https://gorm.io/docs/migration.html#Auto-Migration
func TestTighteningAColumnFailsOnOldRows(t *testing.T) {
	db, _ := fixtures.Empty(t)
	type noteV1 struct {
		ID   uint
		Text *string
	}
	type noteV2 struct {
		ID   uint
		Text string `gorm:"not null;default:''"`
	}
	require.NoError(t, db.Table("notes").AutoMigrate(&noteV1{}))
	require.NoError(t, db.Table("notes").Create(&noteV1{}).Error) // its text is NULL

	err := db.Table("notes").AutoMigrate(&noteV2{})

	var n int64
	require.NoError(t, db.Table("notes").Count(&n).Error)
	assert.Equal(t /*__*/, false, err == nil)                      // did AutoMigrate succeed?
	assert.Equal(t /*__*/, true, nullable(t, db, "notes", "text")) // does text still accept NULL?
	assert.Equal(t /*__*/, 1, int(n))                              // how many notes are there?
}

// nullable reports whether a column of a table accepts NULL.
func nullable(t *testing.T, db *gorm.DB, table, column string) bool {
	t.Helper()
	cols, err := db.Migrator().ColumnTypes(table)
	require.NoError(t, err)
	for _, c := range cols {
		if c.Name() == column {
			n, _ := c.Nullable()
			return n
		}
	}
	t.Fatalf("table %s has no column %s", table, column)
	return false
}

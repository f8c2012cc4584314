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
func TestAutoMigrateAddsAColumn(t *testing.T) {
	db, queries := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&ShelfV1{}))
	require.NoError(t, db.Create(&ShelfV1{Name: "Fantasy"}).Error)
	queries.Reset()

	require.NoError(t, db.AutoMigrate(&ShelfV2{}))

	var shelf ShelfV2
	require.NoError(t, db.First(&shelf).Error)
	assert.Equal(t, __, queries.Count("ALTER")) // how many ALTER TABLE statements?
	assert.Equal(t, __, shelf.Name)             // what did the old row keep?
	assert.Equal(t, __, shelf.Capacity)         // what does the old row hold in the new column?
}

// TestNewNotNullColumnNeedsADefault: a NOT NULL column can only be added to a full table if it has a default.
//
// ALTER TABLE … ADD must put *something* in every existing row. Without a
// default that something is NULL, and a NOT NULL column refuses it: the
// migration fails. Real databases refuse it too (PostgreSQL: "contains null
// values"). The fix lives in the struct tag.
//
// Hint: look at the error, then at the gorm tags that give a column a value
// when none is written.
func TestNewNotNullColumnNeedsADefault(t *testing.T) {
	db, _ := fixtures.Empty(t)
	type pageV1 struct {
		ID    uint
		Title string
	}
	require.NoError(t, db.Table("pages").AutoMigrate(&pageV1{}))
	require.NoError(t, db.Table("pages").Create(&pageV1{Title: "Preface"}).Error)

	// ✎ make the new column acceptable to a table that already has rows
	type pageV2 struct {
		ID    uint
		Title string
		Words int `gorm:"not null"`
	}
	// ✎ end
	require.NoError(t, db.Table("pages").AutoMigrate(&pageV2{}))

	var page pageV2
	require.NoError(t, db.Table("pages").First(&page).Error)
	assert.Equal(t, "Preface", page.Title)
	assert.Equal(t, 0, page.Words)
	assert.False(t, nullable(t, db, "pages", "words"), "keep words NOT NULL")
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

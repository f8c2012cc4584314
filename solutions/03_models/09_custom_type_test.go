package models

import (
	"database/sql/driver"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// CSV is a list stored as one comma-separated text column. Any type that
// implements driver.Valuer (Go → column) and sql.Scanner (column → Go) can
// be a model field; GormDataType tells AutoMigrate the column's type.
type CSV []string

// Value is what the database receives: "a,b,c".
func (c CSV) Value() (driver.Value, error) { return strings.Join(c, ","), nil }

// Scan reads the column back; drivers hand text over as string or []byte.
func (c *CSV) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*c = nil
	case string:
		*c = split(v)
	case []byte:
		*c = split(string(v))
	default:
		return fmt.Errorf("CSV: cannot scan a %T", src)
	}
	return nil
}

// GormDataType is GORM's type for the column: AutoMigrate makes it text.
func (CSV) GormDataType() string { return "text" }

func split(s string) CSV {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// Label stores its words with the CSV type.
type Label struct {
	ID    uint
	Words CSV
}

// TestValuerAndScannerMapYourType: a type with Value and Scan methods becomes a column, both ways and in conditions.
//
// serializer:json is one way to store a Go value GORM cannot map; the other
// is to give the type the two methods database/sql itself knows: Value
// (driver.Valuer) turns it into what the column holds, Scan (sql.Scanner)
// turns the column back into it. GORM calls them on every write and read —
// and on every condition you pass the type to, since its argument is
// converted the same way. The database sees plain text.
//
// Hint: read CSV's Value and Scan above, and, after your first try, the INSERT.
//
// Docs: https://gorm.io/docs/data_types.html
// SQL: after first try
func TestValuerAndScannerMapYourType(t *testing.T) {
	db, _ := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&Label{}))

	l := Label{Words: CSV{"dragons", "earthsea"}}
	require.NoError(t, db.Create(&l).Error)
	var raw string
	require.NoError(t, db.Raw("SELECT words FROM labels WHERE id = ?", l.ID).Scan(&raw).Error)
	var back Label
	require.NoError(t, db.First(&back, l.ID).Error)
	var found int64
	require.NoError(t, db.Model(&Label{}).Where("words = ?", CSV{"dragons", "earthsea"}).Count(&found).Error)

	assert.Equal(t /*___*/, "dragons,earthsea", raw)                              // the text stored in the words column?
	assert.Equal(t /*__*/, []string{"dragons", "earthsea"}, []string(back.Words)) // what does the loaded Label's Words hold?
	assert.Equal(t /*__*/, 1, int(found))                                         // how many labels did the condition with a CSV find?
}

// TestCustomTypeMakesAColumn: store a poster's tags as one comma-separated text column.
//
// A []string field has no column type: AutoMigrate (and every query of the
// model) fails with "unsupported data type". The CSV type above knows how to become text and come
// back. Using it is a matter of the field's type — no tag needed, since
// GormDataType tells AutoMigrate the column type and Value/Scan do the rest.
//
// Hint: CSV's underlying type is []string, so the slice literals below
// still fit.
//
// Docs: https://gorm.io/docs/data_types.html
func TestCustomTypeMakesAColumn(t *testing.T) {
	db, _ := fixtures.Empty(t)

	// ✎ make Tags a comma-separated text column
	//koan: type Poster struct {
	//koan: 	ID   uint
	//koan: 	Tags []string
	//koan: }
	//dodge json: type Poster struct {
	//dodge json: 	ID   uint
	//dodge json: 	Tags []string `gorm:"serializer:json"`
	//dodge json: }
	//dodge text-type: type Poster struct {
	//dodge text-type: 	ID   uint
	//dodge text-type: 	Tags []string `gorm:"type:text"`
	//dodge text-type: }
	//dodge ignored: type Poster struct {
	//dodge ignored: 	ID   uint
	//dodge ignored: 	Tags []string `gorm:"-"`
	//dodge ignored: }
	//honest typed-column: type Poster struct {
	//honest typed-column: 	ID   uint
	//honest typed-column: 	Tags CSV `gorm:"type:text"`
	//honest typed-column: }
	type Poster struct {
		ID   uint
		Tags CSV
	}
	// ✎ end

	require.NoError(t, db.AutoMigrate(&Poster{}))
	p := Poster{Tags: []string{"fantasy", "classic"}}
	require.NoError(t, db.Create(&p).Error)
	var raw string
	require.NoError(t, db.Raw("SELECT tags FROM posters WHERE id = ?", p.ID).Scan(&raw).Error)
	var back Poster
	require.NoError(t, db.First(&back, p.ID).Error)

	assert.Equal(t, "fantasy,classic", raw)
	assert.Equal(t, []string{"fantasy", "classic"}, []string(back.Tags))
}

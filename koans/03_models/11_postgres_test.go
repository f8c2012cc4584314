//go:build koans_postgres

package models

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/datatypes"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// Manuscript keeps what varies from one manuscript to the next in a JSON document.
type Manuscript struct {
	ID      uint
	Title   string
	Details datatypes.JSON
}

// TestJSONBColumn: on PostgreSQL a datatypes.JSON field is a JSONB column: stored parsed, and queried inside.
//
// gorm.io/datatypes' JSON type asks each database for its JSON column:
// PostgreSQL gets JSONB, a binary, parsed form, not your text. It is
// checked on the way in, and handed back rewritten: keys ordered (shorter
// first, then alphabetically), one space after each colon and comma. What
// it buys is querying inside the document: datatypes.JSONQuery("details")
// builds the dialect's JSON operators, HasKey("signed") as PostgreSQL's
// ? operator on jsonb, Equals("typescript", "format") as
// json_extract_path_text(…) = 'typescript'.
//
// Hint: a column type is named as the database names it. For the text,
// apply JSONB's rewriting to the first manuscript's details; for the
// queries, read the three documents.
//
// Database: postgres
// Docs: https://pkg.go.dev/gorm.io/datatypes#JSONQuery
func TestJSONBColumn(t *testing.T) {
	db, _ := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&Manuscript{}))
	require.NoError(t, db.Create([]Manuscript{
		{Title: "Earthsea draft", Details: datatypes.JSON(`{"signed":true,"pages":212,"format":"typescript"}`)},
		{Title: "Discworld notes", Details: datatypes.JSON(`{"format":"notebook","pages":96}`)},
		{Title: "Kindred outline", Details: datatypes.JSON(`{"format":"typescript"}`)},
	}).Error)

	columns, err := db.Migrator().ColumnTypes(&Manuscript{})
	require.NoError(t, err)
	var columnType string
	for _, c := range columns {
		if c.Name() == "details" {
			columnType = strings.ToUpper(c.DatabaseTypeName())
		}
	}
	var first Manuscript
	require.NoError(t, db.First(&first, 1).Error)
	var signed, typescripts []Manuscript
	require.NoError(t, db.Where(datatypes.JSONQuery("details").HasKey("signed")).Find(&signed).Error)
	require.NoError(t, db.Where(datatypes.JSONQuery("details").Equals("typescript", "format")).Find(&typescripts).Error)

	assert.Equal(t, ___, columnType)             // the details column's type?
	assert.Equal(t, ___, first.Details.String()) // the first manuscript's details, read back?
	assert.Equal(t, __, len(signed))             // how many manuscripts have the key signed?
	assert.Equal(t, __, len(typescripts))        // how many have format typescript?
}

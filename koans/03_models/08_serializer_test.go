package models

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// Pamphlet keeps its keywords as JSON text in a single column.
type Pamphlet struct {
	ID       uint
	Title    string
	Keywords []string `gorm:"serializer:json"`
}

// TestSerializerJSONStoresText: serializer:json turns a slice into JSON text in one column, and back.
//
// A column holds one value; a []string is many. Without help GORM can't map
// it (it would expect a relation) — `serializer:json` tells GORM to encode
// the field with encoding/json on the way in and decode it on the way out.
// The database just sees text: it can't index or join on what's inside.
//
// Hint: read the INSERT (shown after your first try): what exactly does the keywords column get?
//
// Docs: https://gorm.io/docs/serializer.html
// SQL: after first try
func TestSerializerJSONStoresText(t *testing.T) {
	db, _ := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&Pamphlet{}))

	p := Pamphlet{Title: "On Dragons", Keywords: []string{"dragons", "earthsea"}}
	require.NoError(t, db.Create(&p).Error)
	var raw string
	require.NoError(t, db.Raw("SELECT keywords FROM pamphlets WHERE id = ?", p.ID).Scan(&raw).Error)
	var back Pamphlet
	require.NoError(t, db.First(&back, p.ID).Error)

	assert.Equal(t, ___, raw)               // the text stored in the keywords column?
	assert.Equal(t, __, len(back.Keywords)) // how many keywords does the loaded Pamphlet have?
}

// Package sql holds koans whose failures carry SQL, for the round trip of
// what the fixtures write and the runner reads (fixtures/koanfmt).
package sql

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestTooMany: more SQL than one line of go test -json holds.
//
// Hint: one query is enough.
func TestTooMany(t *testing.T) {
	db, queries := fixtures.Library(t)
	for range 200 {
		var s string
		db.Raw("SELECT ?", strings.Repeat("x", 40)).Scan(&s)
	}
	assert.Equal(t, 1, queries.Count("SELECT"), "one query is enough")
}

// TestNone: no SQL at all.
//
// Hint: send one.
func TestNone(t *testing.T) {
	_, queries := fixtures.Empty(t)
	assert.Equal(t, 1, queries.Len(), "send one statement")
}

// TestRefused: a statement the database refuses.
//
// Hint: authors' names are unique.
func TestRefused(t *testing.T) {
	db, _ := fixtures.Library(t)
	var a fixtures.Author
	db.First(&a)
	err := db.Create(&fixtures.Author{Name: a.Name}).Error
	assert.NoError(t, err, "add an author of a new name")
}

// Package demo holds one koan of every outcome the runner must recognise.
package demo

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestPasses: a koan already solved.
//
// Hint: nothing to do.
func TestPasses(t *testing.T) {
	db, _ := fixtures.Library(t)
	var n int64
	require.NoError(t, db.Table("authors").Count(&n).Error)
	assert.EqualValues(t, 9, n)
}

// TestBlank: an unfilled blank.
//
// Hint: count them.
func TestBlank(t *testing.T) {
	db, queries := fixtures.Library(t)
	var a fixtures.Author
	require.NoError(t, db.First(&a, 1).Error)
	assert.Equal(t, __, queries.Count("SELECT")) // how many SELECTs were sent?
}

// TestFilledWrong: a blank filled with the wrong answer.
//
// Hint: read the SQL.
func TestFilledWrong(t *testing.T) {
	db, queries := fixtures.Library(t)
	var a fixtures.Author
	require.NoError(t, db.First(&a, 1).Error)
	assert.Equal(t, 5, queries.Count("SELECT"), "count the statements")
}

// TestAnsweredWrong: a blank the learner answered, wrongly, once with a
// value of another Go type than GORM's.
//
// Hint: read the SQL.
func TestAnsweredWrong(t *testing.T) {
	db, queries := fixtures.Library(t)
	var n int64
	require.NoError(t, db.Table("authors").Count(&n).Error)
	assert.Equal(t, 10, n)                      // how many authors are there?
	assert.Equal(t, 2, queries.Count("SELECT")) // how many SELECTs were sent?
}

// TestRegion: a block to rewrite, checked after it.
//
// Hint: one query is enough.
func TestRegion(t *testing.T) {
	db, queries := fixtures.Library(t)
	// ✎ change only this block
	for id := 1; id <= 3; id++ {
		var a fixtures.Author
		require.NoError(t, db.First(&a, id).Error)
	}
	// ✎ end
	if queries.Len() > 1 {
		t.Errorf("sent %d queries, budget 1", queries.Len())
	}
}

// TestSkipped: a koan that skips itself.
//
// Hint: remove the skip.
func TestSkipped(t *testing.T) {
	t.Skip("not today")
}

// TestPanics: a koan that panics.
//
// Hint: make the map.
func TestPanics(t *testing.T) {
	var m map[string]int
	m[___]++
}

// TestAfterPanic: runs only when the runner runs it again.
//
// Hint: nothing to do.
func TestAfterPanic(t *testing.T) {
	assert.True(t, true)
}

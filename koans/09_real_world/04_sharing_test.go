package realworld

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestOneDBForAllGoroutines: the *gorm.DB from Open is safe to share between goroutines.
//
// You open the database once, at start-up, and every request handler uses
// that same *gorm.DB. That is safe: each chain method called on a fresh
// *gorm.DB starts a new statement of its own, and the connection pool hands
// out connections. (This pool has one connection, so the four queries take
// turns; the answers do not change.)
//
// Hint: each goroutine counts one author's books; the seed data has the
// numbers. Write the result in author order.
func TestOneDBForAllGoroutines(t *testing.T) {
	db, queries := fixtures.Library(t)

	counts := make([]int64, 4)
	var wg sync.WaitGroup
	for i := range counts {
		wg.Go(func() {
			err := db.Model(&fixtures.Book{}).Where("author_id = ?", i+1).Count(&counts[i]).Error
			assert.NoError(t, err)
		})
	}
	wg.Wait()

	got := []int{int(counts[0]), int(counts[1]), int(counts[2]), int(counts[3])}
	assert.Equal(t, __, got)                     // books of authors 1, 2, 3 and 4?
	assert.Equal(t, __, queries.Count("SELECT")) // how many SELECTs were sent?
}

// countForAuthors reuses q to count the books of each author in turn, the
// way several request handlers would share it.
func countForAuthors(t *testing.T, q *gorm.DB, authors ...int) []int {
	t.Helper()
	var counts []int
	for _, author := range authors {
		var n int64
		require.NoError(t, q.Where("author_id = ?", author).Count(&n).Error)
		counts = append(counts, int(n))
	}
	return counts
}

// TestSharedChainPilesUpConditions: a half-built chain is not a reusable query.
//
// A tempting shortcut: build `recent := db.Where(…)` once and reuse it in
// every handler. But a chain that has not been finished keeps one statement,
// and every Where added to it lands in that same statement — the conditions
// of earlier calls pile up. Shared between goroutines, it is a data race too.
//
// Hint: read the WHERE clause of the second and third COUNT.
func TestSharedChainPilesUpConditions(t *testing.T) {
	db, _ := fixtures.Library(t)
	recent := db.Model(&fixtures.Book{}).Where("year > ?", 1900)

	counts := countForAuthors(t, recent, 1, 2, 3)

	assert.Equal(t, __, counts) // what did the three counts return?
}

// TestSessionMakesABaseQueryReusable: Session() turns a half-built chain into a safe starting point.
//
// Calling Session on a chain marks it as a new session: the conditions it
// has so far are kept, and every later chain call copies the statement
// instead of adding to it. That base query can be reused, and shared
// between goroutines, like a fresh *gorm.DB.
//
// Hint: gorm.Session{} with no fields set is enough.
func TestSessionMakesABaseQueryReusable(t *testing.T) {
	db, _ := fixtures.Library(t)

	// ✎ make recent safe to reuse
	recent := db.Model(&fixtures.Book{}).Where("year > ?", 1900)
	// ✎ end

	counts := countForAuthors(t, recent, 1, 2, 3)
	assert.Equal(t, []int{5, 5, 4}, counts)
}
